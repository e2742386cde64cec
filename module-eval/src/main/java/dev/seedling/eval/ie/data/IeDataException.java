package dev.seedling.eval.ie.data;

/** An IE data file or record is malformed; the message names the file, the line (or record) and the field. */
public class IeDataException extends RuntimeException {
    /** An exception with a message that carries the facts (file, line, field). */
    public IeDataException(String message) {
        super(message);
    }

    /** As {@link #IeDataException(String)}, with the underlying cause. */
    public IeDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
