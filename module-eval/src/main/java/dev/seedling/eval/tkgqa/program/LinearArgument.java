package dev.seedling.eval.tkgqa.program;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How a text argument is written in the linear form so that {@link ProgramParser} reads it back unchanged. Most
 * arguments are written as they are. One the parser would read differently is written as a JSON string literal
 * ({@code "Room #5"}): one with a {@code #} after a space or tab (a trailing comment), with {@code <i>}, {@code <d>}
 * or {@code <func>} in it, with a line break, with leading or trailing whitespace (arguments are stripped), or that
 * starts with {@code "} (it would be taken for a quoted argument). Stateless.
 */
final class LinearArgument {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LinearArgument() {
    }

    /** {@code arg} as the linear form writes it. */
    static String write(String arg) {
        return needsQuotes(arg) ? quote(arg) : arg;
    }

    /** Whether {@code arg} written as it is would be read back differently. */
    static boolean needsQuotes(String arg) {
        if (!arg.equals(arg.strip()) || arg.startsWith("\"") || arg.contains("<i>") || arg.contains("<d>")
                || arg.contains("<func>")) {
            return true;
        }
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (isLineBreak(c) || c == '#' && i > 0 && isCommentSpace(arg.charAt(i - 1))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The JSON string literal of {@code arg}, as Jackson writes it (control characters {@code \}-escaped), with the
     * Unicode line breaks JSON allows raw escaped too: each would end a line of the linear form.
     */
    static String quote(String arg) {
        try {
            return JSON.writeValueAsString(arg).replace("\u0085", "\\u0085").replace("\u2028", "\\u2028")
                    .replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a string as JSON", e);   // not for a String
        }
    }

    /** A character that ends a line of the linear form: those of the regex {@code \R}. */
    static boolean isLineBreak(char c) {
        return c == '\n' || c == '\u000b' || c == '\f' || c == '\r' || c == '\u0085' || c == '\u2028'
                || c == '\u2029';
    }

    /** Whitespace before a {@code #} that makes it start a comment (within a line: a space or a tab). */
    static boolean isCommentSpace(char c) {
        return c == ' ' || c == '\t';
    }
}
