package dev.seedling.eval.ie.parse;

import dev.seedling.eval.ie.Annotations;

import java.util.List;
import java.util.Objects;

/**
 * Mentions decoded from parsed calls, with the elements that did not have a mention's shape.
 *
 * @param annotations the mentions, types as written (not yet resolved against a schema)
 * @param skipped     descriptions of the elements that were not decodable (a bare string where a call was due, a call
 *                    without a span, ...), in order
 */
public record DecodeResult(Annotations annotations, List<String> skipped) {
    public DecodeResult {
        Objects.requireNonNull(annotations, "annotations");
        skipped = List.copyOf(skipped);
    }
}
