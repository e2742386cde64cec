package dev.seedling.eval.ie.parse;

import dev.seedling.eval.ie.Annotations;

import java.util.Objects;

/**
 * A model output read into mentions: the end product of parse, decode and filter.
 *
 * @param parse       the parse (its items, status and problem)
 * @param mentions    the surviving mentions, types canonical
 * @param undecodable parsed elements that had no mention's shape
 * @param recovered   elements found by the {@link RegexFallback} after a malformed element
 * @param removed     what the hallucination filter removed
 */
public record Extraction(ParseResult parse, Annotations mentions, int undecodable, int recovered,
                         FilterCounts removed) {
    public Extraction {
        Objects.requireNonNull(parse, "parse");
        Objects.requireNonNull(mentions, "mentions");
        Objects.requireNonNull(removed, "removed");
    }
}
