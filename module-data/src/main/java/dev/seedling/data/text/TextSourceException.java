package dev.seedling.data.text;

/** A text source that cannot be used: missing, unreadable, or with no text files; the message names the path. */
public final class TextSourceException extends IllegalArgumentException {
    /** @param message names the path and what is wrong */
    public TextSourceException(String message) {
        super(message);
    }

    /** @param message names the path; {@code cause} the I/O error */
    public TextSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
