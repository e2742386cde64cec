package dev.seedling.eval.tkgqa.program;

import dev.seedling.data.tkg.TimeFormatException;
import dev.seedling.data.tkg.TimeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks that a program can run: every function is known, its argument counts fit one of its signatures, every
 * dependency names an earlier step whose result type the signature accepts, and text arguments that must be times,
 * directions or qualifier keys are such (two time bounds must form a range, the start not after the end). Stateless
 * and thread-safe.
 */
public final class ProgramValidator {
    /** Directions {@code Relate} accepts as its second text argument. */
    public static final Set<String> DIRECTIONS = Set.of("forward", "backward");
    /** Keys {@code QueryRelationQualifier} accepts. */
    public static final Set<String> QUALIFIER_KEYS = Set.of("time", "point in time", "start time", "end time");

    /**
     * Validates {@code program}.
     *
     * @throws ProgramValidationException naming the first offending step: unknown function, no fitting signature,
     *                                    a dependency that is not an earlier step or has the wrong type, or a bad
     *                                    text argument (including time bounds in reverse order); step -1 for an
     *                                    empty program
     */
    public CheckedProgram validate(Program program) {
        if (program.size() == 0) {
            throw new ProgramValidationException(-1, "", "the program has no steps");
        }
        List<Operator> ops = new ArrayList<>();
        List<Integer> sigs = new ArrayList<>();
        List<ValueType> types = new ArrayList<>();
        for (int i = 0; i < program.size(); i++) {
            Step s = program.step(i);
            int index = i;
            Operator op = Operator.byName(s.function()).orElseThrow(() -> new ProgramValidationException(index,
                    s.function(), "unknown function; known: " + known()));
            for (int d : s.dependencies()) {
                if (d < 0 || d >= i) {
                    throw new ProgramValidationException(i, s.function(), "dependency " + d
                            + " is not an earlier step (allowed 0.." + (i - 1) + ")");
                }
            }
            int sig = matchSignature(op, s, types, i);
            checkTexts(op, s, i);
            ops.add(op);
            sigs.add(sig);
            types.add(op.resultType(s.dependencies().isEmpty() ? null : types.get(s.dependencies().get(0))));
        }
        return new CheckedProgram(program, ops, sigs, types);
    }

    private static int matchSignature(Operator op, Step s, List<ValueType> types, int i) {
        List<Signature> all = op.signatures();
        String typeError = null;
        for (int k = 0; k < all.size(); k++) {
            Signature sig = all.get(k);
            if (!sig.fits(s.inputs().size(), s.dependencies().size())) {
                continue;
            }
            typeError = null;
            for (int j = 0; j < sig.dependencies().size(); j++) {
                int dep = s.dependencies().get(j);
                if (!sig.dependencies().get(j).contains(types.get(dep))) {
                    typeError = "dependency " + j + " (step " + dep + ") is " + types.get(dep) + " but must be "
                            + String.join(" or ", sig.dependencies().get(j).stream().map(Enum::name).sorted().toList());
                    break;
                }
            }
            if (typeError == null) {
                return k;
            }
        }
        if (typeError != null) {
            throw new ProgramValidationException(i, s.function(), typeError);
        }
        throw new ProgramValidationException(i, s.function(), "takes " + String.join(" or ",
                all.stream().map(Signature::describe).toList()) + " but got " + s.inputs().size() + " text + "
                + s.dependencies().size() + " dependencies");
    }

    private static void checkTexts(Operator op, Step s, int i) {
        for (String in : s.inputs()) {
            if (in.isBlank()) {
                throw new ProgramValidationException(i, s.function(), "a text argument is empty");
            }
        }
        switch (op) {
            case RELATE -> {
                if (s.inputs().size() == 2 && !DIRECTIONS.contains(s.inputs().get(1).toLowerCase(Locale.ROOT))) {
                    throw new ProgramValidationException(i, s.function(), "direction '" + s.inputs().get(1)
                            + "' must be forward or backward");
                }
            }
            case QUERY_RELATION_QUALIFIER -> {
                if (!s.inputs().isEmpty() && !QUALIFIER_KEYS.contains(s.inputs().get(0).toLowerCase(Locale.ROOT))) {
                    throw new ProgramValidationException(i, s.function(), "qualifier '" + s.inputs().get(0)
                            + "' must be one of " + QUALIFIER_KEYS);
                }
            }
            case FILTER_BEFORE, FILTER_AFTER, FILTER_RANGE, FILTER_BY_TIME_POINT, FILTER_BY_DURATION -> {
                List<TimeValue> times = new ArrayList<>();
                for (String in : s.inputs()) {
                    try {
                        times.add(TimeValue.parse(in));
                    } catch (TimeFormatException e) {
                        throw new ProgramValidationException(i, s.function(), e.getMessage());
                    }
                }
                if (times.size() == 2) { // the executor reads two text bounds as one range
                    try {
                        TimeValue.between(times.get(0), times.get(1));
                    } catch (TimeFormatException e) {
                        throw new ProgramValidationException(i, s.function(), "'" + s.inputs().get(0) + "' to '"
                                + s.inputs().get(1) + "' is not a range: " + e.getMessage());
                    }
                }
            }
            default -> {
                // entity names and relation names are checked against the KG by linking, not here
            }
        }
    }

    private static String known() {
        return String.join(", ", java.util.Arrays.stream(Operator.values()).map(Operator::koplName).toList());
    }
}
