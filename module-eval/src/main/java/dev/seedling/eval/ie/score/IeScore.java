package dev.seedling.eval.ie.score;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The score of one metric over a corpus.
 *
 * @param metric  what was compared
 * @param overall micro counts over all tuples
 * @param perType micro counts per type, sorted by type; empty for untyped (identification) metrics other than EAE's
 */
public record IeScore(IeMetric metric, Prf overall, Map<String, Prf> perType) {
    public IeScore {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(overall, "overall");
        perType = Collections.unmodifiableMap(new TreeMap<>(perType));
    }
}
