package dev.seedling.eval.ie.schema;

/** A schema is malformed or inconsistent; the message names the file, the class and the offending field. */
public class SchemaException extends RuntimeException {
    /** An exception with a message that carries the facts (file, line, field). */
    public SchemaException(String message) {
        super(message);
    }

    /** As {@link #SchemaException(String)}, with the underlying cause. */
    public SchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
