package dev.seedling.eval.vqa;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metrics overall and by group; maps iterate in the paper's column order and are keyed by code
 * ({@code CN}/{@code EN}, task codes, topic codes, or {@link FactualityScorer#UNMAPPED}).
 */
public record FactualityBreakdown(Metrics overall, Map<String, Metrics> byLanguage, Map<String, Metrics> byTask,
        Map<String, Metrics> byTopic) {
    public FactualityBreakdown {
        byLanguage = Collections.unmodifiableMap(new LinkedHashMap<>(byLanguage));
        byTask = Collections.unmodifiableMap(new LinkedHashMap<>(byTask));
        byTopic = Collections.unmodifiableMap(new LinkedHashMap<>(byTopic));
    }
}
