package dev.seedling.eval.vqa;

import java.util.Map;

/**
 * Metrics overall and by group; maps iterate in the paper's column order and are keyed by code
 * ({@code CN}/{@code EN}, task codes, topic codes, or {@link FactualityScorer#UNMAPPED}).
 */
public record FactualityBreakdown(Metrics overall, Map<String, Metrics> byLanguage, Map<String, Metrics> byTask,
        Map<String, Metrics> byTopic) {
    public FactualityBreakdown {
        byLanguage = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byLanguage));
        byTask = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byTask));
        byTopic = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byTopic));
    }
}
