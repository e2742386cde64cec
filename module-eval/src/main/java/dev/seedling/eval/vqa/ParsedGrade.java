package dev.seedling.eval.vqa;

import java.util.Objects;

/**
 * A grade read from a judge's output, and how it was read.
 *
 * @param grade       the grade; {@link Grade#NOT_ATTEMPTED} when the output could not be read
 * @param parseFailed true when no rule recognised the output, so {@code grade} is the fallback
 * @param method      which rule produced the grade
 */
public record ParsedGrade(Grade grade, boolean parseFailed, Method method) {
    /** The rule that recognised the grade. */
    public enum Method { JSON, LETTER, LABEL, KEYWORD, FALLBACK }

    public ParsedGrade {
        Objects.requireNonNull(grade, "grade");
        Objects.requireNonNull(method, "method");
    }

    static ParsedGrade failed() {
        return new ParsedGrade(Grade.NOT_ATTEMPTED, true, Method.FALLBACK);
    }
}
