package dev.seedling.eval.vqa;

import dev.seedling.data.vqa.VqaTask;
import dev.seedling.data.vqa.VqaTopic;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Aggregates graded answers into {@link Metrics}, overall and broken down the paper's way: by language (CN, EN), by
 * task (the 9 codes in the paper's column order) and by topic (likewise). Items whose label did not map to a code are
 * grouped under {@value #UNMAPPED}. Groups with no items are omitted. Stateless and thread-safe.
 */
public final class FactualityScorer {
    /** The breakdown key of items without a resolved task or topic. */
    public static final String UNMAPPED = "UNMAPPED";

    private final boolean compat;

    /** @param compat round as the official script does (see {@link Metrics#of}) */
    public FactualityScorer(boolean compat) {
        this.compat = compat;
    }

    /** Metrics over all of {@code answers}. */
    public Metrics score(List<GradedAnswer> answers) {
        int c = 0;
        int i = 0;
        int na = 0;
        int pf = 0;
        for (GradedAnswer a : answers) {
            switch (a.grade()) {
                case CORRECT -> c++;
                case INCORRECT -> i++;
                case NOT_ATTEMPTED -> na++;
            }
            if (a.parseFailed()) {
                pf++;
            }
        }
        return Metrics.of(c, i, na, pf, compat);
    }

    /** Overall metrics and the three breakdowns. */
    public FactualityBreakdown breakdown(List<GradedAnswer> answers) {
        Map<String, Metrics> byLanguage = group(answers, a -> a.item().language().name(), List.of("CN", "EN"));
        Map<String, Metrics> byTask = group(answers,
                a -> a.item().category().taskCode().map(VqaTask::code).orElse(UNMAPPED),
                Arrays.stream(VqaTask.values()).map(VqaTask::code).toList());
        Map<String, Metrics> byTopic = group(answers,
                a -> a.item().category().topicCode().map(VqaTopic::code).orElse(UNMAPPED),
                Arrays.stream(VqaTopic.values()).map(VqaTopic::code).toList());
        return new FactualityBreakdown(score(answers), byLanguage, byTask, byTopic);
    }

    private Map<String, Metrics> group(List<GradedAnswer> answers, Function<GradedAnswer, String> key,
            List<String> order) {
        Map<String, Metrics> out = new LinkedHashMap<>();
        for (String k : order) {
            List<GradedAnswer> g = answers.stream().filter(a -> key.apply(a).equals(k)).toList();
            if (!g.isEmpty()) {
                out.put(k, score(g));
            }
        }
        List<GradedAnswer> rest = answers.stream().filter(a -> !order.contains(key.apply(a))).toList();
        if (!rest.isEmpty()) {
            out.put(UNMAPPED, score(rest));
        }
        return out;
    }
}
