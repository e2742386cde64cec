package dev.seedling.eval.tkgqa.program;

/** A program is ill-formed; the message starts with {@code step N (Function):} and says what is wrong. */
public class ProgramValidationException extends IllegalArgumentException {
    private final int step;
    private final String function;

    public ProgramValidationException(int step, String function, String problem) {
        super("step " + step + " (" + function + "): " + problem);
        this.step = step;
        this.function = function;
    }

    /** The index of the offending step, or -1 when the problem concerns the whole program. */
    public int step() {
        return step;
    }

    /** The function name of the offending step as written. */
    public String function() {
        return function;
    }
}
