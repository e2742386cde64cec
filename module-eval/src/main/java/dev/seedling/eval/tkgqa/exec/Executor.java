package dev.seedling.eval.tkgqa.exec;

import dev.seedling.data.tkg.Granularity;
import dev.seedling.data.tkg.TemporalKg;
import dev.seedling.eval.tkgqa.exec.Value.EntitySet;
import dev.seedling.eval.tkgqa.exec.Value.FactSet;
import dev.seedling.eval.tkgqa.exec.Value.NumberSet;
import dev.seedling.eval.tkgqa.exec.Value.TimeSet;
import dev.seedling.eval.tkgqa.program.CheckedProgram;
import dev.seedling.eval.tkgqa.program.Operator;
import dev.seedling.eval.tkgqa.program.Program;
import dev.seedling.eval.tkgqa.program.ProgramValidator;
import dev.seedling.eval.tkgqa.program.Step;
import dev.seedling.eval.tkgqa.program.ValueType;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Runs programs over a temporal KG: validates, interprets each step with the operator the step names, ranks the last
 * step's value into answers and records a trace. Names in a program are matched exactly against the KG (linking
 * comes first); an unknown name yields an empty set, not an error. Instances are immutable and thread-safe.
 */
public final class Executor {
    private static final ProgramValidator VALIDATOR = new ProgramValidator();

    private final TemporalKg kg;
    private final ExecutionPolicy policy;
    private final ExecutionLimits limits;
    private final LongSupplier clock;

    /** An executor with the default policy and limits. */
    public Executor(TemporalKg kg) {
        this(kg, ExecutionPolicy.defaults(), ExecutionLimits.defaults());
    }

    /** An executor with the given policy and limits. */
    public Executor(TemporalKg kg, ExecutionPolicy policy, ExecutionLimits limits) {
        this(kg, policy, limits, System::nanoTime);
    }

    /** As above with an injectable nanosecond clock, so that the time limit can be tested without sleeping. */
    Executor(TemporalKg kg, ExecutionPolicy policy, ExecutionLimits limits, LongSupplier clock) {
        this.kg = Objects.requireNonNull(kg, "kg");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The graph programs run over. */
    public TemporalKg kg() {
        return kg;
    }

    /** The policy in force. */
    public ExecutionPolicy policy() {
        return policy;
    }

    /**
     * Validates and runs {@code program}.
     *
     * @throws dev.seedling.eval.tkgqa.program.ProgramValidationException when the program is ill-formed
     * @throws ExecutionLimitException when it has too many steps, a value grows past the set-size limit, or it runs
     *                                 past the time budget
     */
    public ExecutionResult execute(Program program) {
        if (program.size() > limits.maxSteps()) {
            throw new ExecutionLimitException("steps", limits.maxSteps(), program.size(), -1, "program");
        }
        return execute(VALIDATOR.validate(program));
    }

    /** Runs a program this class has validated; not public, as a hand-made CheckedProgram could lie about types. */
    private ExecutionResult execute(CheckedProgram checked) {
        Program program = checked.program();
        if (program.size() > limits.maxSteps()) {
            throw new ExecutionLimitException("steps", limits.maxSteps(), program.size(), -1, "program");
        }
        ExecutionContext c = new ExecutionContext(kg, policy, limits, clock);
        Value[] values = new Value[program.size()];
        List<TraceStep> trace = new ArrayList<>(program.size());
        for (int i = 0; i < program.size(); i++) {
            Step s = program.step(i);
            long t0 = clock.getAsLong();
            c.enter(i, s.function());
            Value v = apply(c, checked.operators().get(i), s, values);
            c.checkSize(v.size());
            values[i] = v;
            trace.add(new TraceStep(i, s.toLinear(), v.type(), v.size(), v.preview(kg, 3), clock.getAsLong() - t0));
        }
        c.checkTime();
        Value last = values[values.length - 1];
        return new ExecutionResult(rank(last), checked.answerType() == ValueType.FACTS ? ValueType.ENTITIES
                : checked.answerType(), trace);
    }

    private Value apply(ExecutionContext c, Operator op, Step s, Value[] values) {
        List<String> in = s.inputs();
        List<Integer> d = s.dependencies();
        Value a = d.isEmpty() ? null : values[d.get(0)];
        Value b = d.size() < 2 ? null : values[d.get(1)];
        return switch (op) {
            case FIND -> EntityOperators.find(c, in.get(0));
            case RELATE -> EntityOperators.relate(c, a, in.get(0), in.size() > 1 ? in.get(1) : "forward");
            case FILTER_ENTITY -> EntityOperators.filterEntity(c, a, in.get(0));
            case AND -> EntityOperators.and(c, a, b);
            case OR -> EntityOperators.or(c, a, b);
            case WHAT -> EntityOperators.what(c, a);
            case QUERY_RELATION_QUALIFIER -> TimeQueries.relationQualifier(c, (FactSet) a, in);
            case QUERY_EVENT_QUALIFIER -> TimeQueries.eventQualifier(c, (FactSet) a);
            case FILTER_BEFORE -> TimeFilters.beforeOrAfter(c, (FactSet) a, TimeFilters.pivots(c, in, b), true);
            case FILTER_AFTER -> TimeFilters.beforeOrAfter(c, (FactSet) a, TimeFilters.pivots(c, in, b), false);
            case FILTER_FIRST_TIME -> TimeQueries.extremeTimes(c, a, true);
            case FILTER_LAST_TIME -> TimeQueries.extremeTimes(c, a, false);
            case FILTER_FIRST_EVENT -> TimeQueries.extremeEvents(c, (FactSet) a, true);
            case FILTER_LAST_EVENT -> TimeQueries.extremeEvents(c, (FactSet) a, false);
            case GET_YEAR -> TimeQueries.atGranularity(c, a, Granularity.YEAR);
            case GET_MONTH -> TimeQueries.atGranularity(c, a, Granularity.MONTH);
            case GET_DATE -> TimeQueries.atGranularity(c, a, Granularity.DAY);
            case FILTER_RANGE -> TimeFilters.matching(c, (FactSet) a, TimeFilters.pivots(c, in, b),
                    policy.rangeMatch());
            case FILTER_BY_TIME_POINT -> TimeFilters.matching(c, (FactSet) a, TimeFilters.pivots(c, in, b),
                    policy.pointMatch());
            case FILTER_BY_DURATION -> TimeFilters.matching(c, (FactSet) a, TimeFilters.pivots(c, in, b),
                    policy.durationMatch());
            case GET_DURATION -> TimeQueries.duration(c, a);
        };
    }

    private List<RankedAnswer> rank(Value v) {
        List<RankedAnswer> out = new ArrayList<>();
        switch (v) {
            case FactSet fs -> addEntities(out, EntityOperators.entities(kg, fs));
            case EntitySet es -> addEntities(out, es);
            case TimeSet ts -> {
                for (int i = 0; i < ts.size(); i++) {
                    out.add(new RankedAnswer(ts.times().get(i).format(), ts.support()[i], ts.times().get(i).startDay()));
                }
            }
            case NumberSet ns -> {
                for (int i = 0; i < ns.size(); i++) {
                    out.add(new RankedAnswer(Long.toString(ns.values()[i]), ns.support()[i], Integer.MIN_VALUE));
                }
            }
        }
        out.sort(policy.ranking().order());
        return out;
    }

    private void addEntities(List<RankedAnswer> out, EntitySet es) {
        for (int i = 0; i < es.size(); i++) {
            out.add(new RankedAnswer(kg.entityName(es.ids()[i]), es.support()[i], es.latest()[i]));
        }
    }
}
