package dev.seedling.data.tokenizer;

/** A {@code tokenizer.json} that is malformed or uses a feature Seedling does not implement; names file and field. */
public final class TokenizerFormatException extends IllegalArgumentException {
    /** An error with {@code message}, which names the file and the JSON field. */
    public TokenizerFormatException(String message) {
        super(message);
    }

    /** An error with {@code message}, which names the file and field, caused by the parser's {@code cause}. */
    public TokenizerFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
