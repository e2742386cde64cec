package dev.seedling.eval.ie.score;

import java.util.List;
import java.util.Objects;

/**
 * What a metric compares for one mention.
 *
 * @param group  the type the per-type table files it under (entity, relation or event type; event type and role
 *               for argument classification)
 * @param labels the labels that must be equal (types, roles); empty for identification metrics
 * @param spans  the spans that must match under the {@link SpanMatcher}
 */
public record MatchTuple(String group, List<String> labels, List<String> spans) {
    public MatchTuple {
        Objects.requireNonNull(group, "group");
        labels = List.copyOf(labels);
        spans = List.copyOf(spans);
    }

    /** Whether this predicted tuple matches a gold tuple: equal labels, and each span matching its counterpart. */
    public boolean matches(MatchTuple gold, SpanMatcher matcher) {
        if (!labels.equals(gold.labels) || spans.size() != gold.spans.size()) {
            return false;
        }
        for (int i = 0; i < spans.size(); i++) {
            if (!matcher.matches(spans.get(i), gold.spans.get(i))) {
                return false;
            }
        }
        return true;
    }
}
