package dev.seedling.eval.tkgqa.program;

/** Program text could not be read; the message names the line (linear form) or step (JSON form) and the problem. */
public class ProgramParseException extends IllegalArgumentException {
    public ProgramParseException(String message) {
        super(message);
    }

    public ProgramParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
