package dev.seedling.data.tokenizer;

/** A {@code tokenizer.json} that is malformed or uses a feature Seedling does not implement; names file and field. */
public final class TokenizerFormatException extends IllegalArgumentException {
    /** @param message names the file and the JSON field */
    public TokenizerFormatException(String message) {
        super(message);
    }

    /** @param message names the file and the JSON field; {@code cause} the parser's error */
    public TokenizerFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
