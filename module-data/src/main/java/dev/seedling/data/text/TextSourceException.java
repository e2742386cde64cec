package dev.seedling.data.text;

/** A text source that cannot be used: missing, unreadable, or with no text files; the message names the path. */
public final class TextSourceException extends IllegalArgumentException {
    /** An error with {@code message}, which names the path and what is wrong. */
    public TextSourceException(String message) {
        super(message);
    }

    /** An error with {@code message}, which names the path, caused by the I/O error {@code cause}. */
    public TextSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
