package dev.seedling.eval.tkgqa.exec;

/**
 * Bounds on one program's execution, so that a hostile or runaway program is stopped with an
 * {@link ExecutionLimitException} instead of exhausting memory or time.
 *
 * @param maxSteps   the most steps a program may have
 * @param maxSetSize the most elements any intermediate value may have (checked before it is materialised)
 * @param maxNanos   wall-clock budget for one program, in nanoseconds
 */
public record ExecutionLimits(int maxSteps, int maxSetSize, long maxNanos) {
    public ExecutionLimits {
        if (maxSteps <= 0 || maxSetSize <= 0 || maxNanos <= 0) {
            throw new IllegalArgumentException("limits must be positive: maxSteps=" + maxSteps + ", maxSetSize="
                    + maxSetSize + ", maxNanos=" + maxNanos);
        }
    }

    /** 64 steps, 1,000,000 elements, one second: far above what a real question needs. */
    public static ExecutionLimits defaults() {
        return new ExecutionLimits(64, 1_000_000, 1_000_000_000L);
    }
}
