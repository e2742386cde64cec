package dev.seedling.eval.tkgqa.exec;

/** A program hit one of its {@link ExecutionLimits}; the message names the limit, the step and its function. */
public class ExecutionLimitException extends RuntimeException {
    private final String limit;
    private final int step;

    public ExecutionLimitException(String limit, long allowed, long reached, int step, String function) {
        super("step " + step + " (" + function + "): " + limit + " limit " + allowed + " exceeded (" + reached + ")");
        this.limit = limit;
        this.step = step;
    }

    /** Which limit: {@code steps}, {@code set size} or {@code time}. */
    public String limit() {
        return limit;
    }

    /** The step that hit it, or -1 for the whole program. */
    public int step() {
        return step;
    }
}
