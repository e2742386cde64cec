package dev.seedling.eval.tkgqa.link;

import dev.seedling.data.tkg.TemporalKg;
import dev.seedling.eval.tkgqa.program.Operator;
import dev.seedling.eval.tkgqa.program.Program;
import dev.seedling.eval.tkgqa.program.Step;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Links a drafted program: entity arguments of {@code Find} and {@code FilterEntity} through the
 * {@link EntityLinker}, relation arguments of {@code Relate} through the {@link RelationLinker} (using the entity
 * its dependency found, when that dependency is a {@code Find} or {@code FilterEntity}), and time arguments of the
 * time filters through {@link TimeMentions}. Steps with unknown
 * functions are left for the validator to report. Thread-safe.
 */
public final class ProgramLinker {
    private static final Set<Operator> TIME_ARGUMENTS = EnumSet.of(Operator.FILTER_BEFORE, Operator.FILTER_AFTER,
            Operator.FILTER_RANGE, Operator.FILTER_BY_TIME_POINT, Operator.FILTER_BY_DURATION);
    private final TemporalKg kg;
    private final EntityLinker entities;
    private final RelationLinker relations;
    private final int relationCandidates;

    /**
     * @param relationCandidates how many relations to keep per {@code Relate} (the paper keeps 5); all but the best
     *                           become {@link LinkedProgram#alternatives()}
     */
    public ProgramLinker(TemporalKg kg, EntityLinker entities, RelationLinker relations, int relationCandidates) {
        this.kg = Objects.requireNonNull(kg, "kg");
        this.entities = Objects.requireNonNull(entities, "entities");
        this.relations = Objects.requireNonNull(relations, "relations");
        if (relationCandidates <= 0) {
            throw new IllegalArgumentException("relationCandidates must be positive but is " + relationCandidates);
        }
        this.relationCandidates = relationCandidates;
    }

    /** Links {@code draft}, preferring {@code hints} where given. */
    public LinkedProgram link(Program draft, LinkingHints hints) {
        Program p = draft;
        List<LinkedProgram.Decision> decisions = new ArrayList<>();
        List<String> mentions = new ArrayList<>();
        for (Step s : draft.steps()) {
            Operator op = Operator.byName(s.function()).orElse(null);
            if ((op == Operator.FIND || op == Operator.FILTER_ENTITY) && !s.inputs().isEmpty()) {
                mentions.add(s.inputs().get(0));
            }
        }
        List<List<Candidate>> relationChoices = new ArrayList<>();
        List<Integer> relateSteps = new ArrayList<>();
        for (int i = 0; i < draft.size(); i++) {
            Step s = p.step(i);
            Operator op = Operator.byName(s.function()).orElse(null);
            if (op == null || s.inputs().isEmpty()) {
                continue;
            }
            if (TIME_ARGUMENTS.contains(op)) {
                for (int k = 0; k < s.inputs().size(); k++) {
                    s = s.withInput(k, TimeMentions.normalise(s.inputs().get(k)));
                }
                p = p.withStep(i, s);
                continue;
            }
            String mention = s.inputs().get(0);
            List<Candidate> cands;
            if (op == Operator.FIND || op == Operator.FILTER_ENTITY) {
                cands = entities.candidates(mention, 3, hints.entities());
            } else if (op == Operator.RELATE) {
                boolean backward = s.inputs().size() > 1
                        && s.inputs().get(1).toLowerCase(Locale.ROOT).equals("backward");
                int entity = s.dependencies().isEmpty() ? -1 : entityOf(p, s.dependencies().get(0));
                cands = relations.candidates(mention, entity, backward, mentions, hints.relations(), relationCandidates);
                relationChoices.add(cands);
                relateSteps.add(i);
            } else {
                continue;
            }
            decisions.add(new LinkedProgram.Decision(i, mention, cands));
            if (!cands.isEmpty()) {
                p = p.withStep(i, s.withInput(0, cands.get(0).name()));
            }
        }
        List<Program> alternatives = new ArrayList<>();
        for (int rank = 1; rank < relationCandidates; rank++) {
            for (int j = 0; j < relateSteps.size(); j++) {
                List<Candidate> c = relationChoices.get(j);
                if (rank < c.size()) {
                    int step = relateSteps.get(j);
                    alternatives.add(p.withStep(step, p.step(step).withInput(0, c.get(rank).name())));
                }
            }
        }
        return new LinkedProgram(p, alternatives, decisions);
    }

    /** The entity a step names, if it is a (linked) Find or FilterEntity of a known entity; else -1. */
    private int entityOf(Program p, int step) {
        if (step < 0 || step >= p.size()) {
            return -1;
        }
        Step s = p.step(step);
        Operator op = Operator.byName(s.function()).orElse(null);
        if ((op == Operator.FIND || op == Operator.FILTER_ENTITY) && !s.inputs().isEmpty()) {
            return kg.entityId(s.inputs().get(0));
        }
        return -1;
    }
}
