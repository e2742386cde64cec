package dev.seedling.data.tokenizer;

/**
 * What to do with bytes that are not valid UTF-8 (and with lone UTF-16 surrogates in a Java string).
 */
public enum Utf8Policy {
    /** Replace each malformed sequence by U+FFFD, as {@code new String(bytes, UTF_8)} does. */
    LENIENT,
    /** Throw {@link InvalidUtf8Exception} naming the byte offset (and the path, when reading a file). */
    STRICT
}
