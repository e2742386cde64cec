package dev.seedling.eval.ie.parse;

import java.util.List;
import java.util.Objects;

/**
 * What {@link PyLiteralParser} made of a model's output. Every input gives a result; problems are reported here,
 * never thrown.
 *
 * @param items   the complete top-level elements of the result list, in order; on {@link Status#TRUNCATED} or
 *                {@link Status#MALFORMED} the elements completed before the problem
 * @param status  how the parse ended
 * @param offset  the character offset in the input where the problem was found, or -1 when {@code COMPLETE}
 * @param message what was wrong, or empty when {@code COMPLETE}
 * @param resume  the offset just after the last complete top-level element (or after the opening {@code [}); where
 *                a fallback may look for more elements after an error; 0 when {@code NOT_FOUND}
 */
public record ParseResult(List<PyValue> items, Status status, int offset, String message, int resume) {
    /** How a parse ended. */
    public enum Status {
        /** The list was closed by its {@code ]}; text after it is ignored. */
        COMPLETE,
        /** The input ended inside the list (a cut-off generation). */
        TRUNCATED,
        /** An unexpected character or a value outside the subset. */
        MALFORMED,
        /** No {@code results = [} statement and no leading {@code [}; {@code items} is empty. */
        NOT_FOUND
    }

    public ParseResult {
        items = List.copyOf(items);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
    }

    /** Whether the list was closed properly. */
    public boolean complete() {
        return status == Status.COMPLETE;
    }
}
