package dev.seedling.eval.ie.parse;

import dev.seedling.eval.ie.Annotations;

import java.util.Objects;

/**
 * A filtered prediction.
 *
 * @param kept    the surviving mentions, types canonical
 * @param removed what was removed, by reason
 */
public record FilterResult(Annotations kept, FilterCounts removed) {
    public FilterResult {
        Objects.requireNonNull(kept, "kept");
        Objects.requireNonNull(removed, "removed");
    }
}
