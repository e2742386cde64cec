package dev.seedling.eval.ie.schema;

/** A schema is malformed or inconsistent; the message names the file, the class and the offending field. */
public class SchemaException extends RuntimeException {
    public SchemaException(String message) {
        super(message);
    }

    public SchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
