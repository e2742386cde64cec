package dev.seedling.eval.tkgqa.exec;

import dev.seedling.data.tkg.TemporalKg;

import java.util.function.LongSupplier;

/** What operators need while one program runs: the graph, the policy and the limits; one instance per run. */
final class ExecutionContext {
    final TemporalKg kg;
    final ExecutionPolicy policy;
    private final ExecutionLimits limits;
    private final LongSupplier clock;
    private final long deadline;
    private int step;
    private String function = "";
    private long work;

    ExecutionContext(TemporalKg kg, ExecutionPolicy policy, ExecutionLimits limits, LongSupplier clock) {
        this.kg = kg;
        this.policy = policy;
        this.limits = limits;
        this.clock = clock;
        this.deadline = clock.getAsLong() + limits.maxNanos();
    }

    /** Marks the step now running, so that limit errors can name it. */
    void enter(int step, String function) {
        this.step = step;
        this.function = function;
        checkTime();
    }

    /** Throws when a value of {@code size} elements would exceed the set-size limit. */
    void checkSize(long size) {
        if (size > limits.maxSetSize()) {
            throw new ExecutionLimitException("set size", limits.maxSetSize(), size, step, function);
        }
    }

    /** Throws when the time budget is spent; called between steps and every few thousand loop iterations. */
    void checkTime() {
        long now = clock.getAsLong();
        if (now - deadline > 0) {
            throw new ExecutionLimitException("time (ns)", limits.maxNanos(), limits.maxNanos() + (now - deadline),
                    step, function);
        }
    }

    /** Counts one unit of work and checks the time every 4096 units; cheap enough for inner loops. */
    void tick() {
        if ((++work & 4095) == 0) {
            checkTime();
        }
    }
}
