package dev.seedling.eval.ie.data;

/** An IE data file or record is malformed; the message names the file, the line (or record) and the field. */
public class IeDataException extends RuntimeException {
    public IeDataException(String message) {
        super(message);
    }

    public IeDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
