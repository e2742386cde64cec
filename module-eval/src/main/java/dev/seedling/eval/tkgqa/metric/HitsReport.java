package dev.seedling.eval.tkgqa.metric;

import java.util.Map;

/**
 * Hits@1 and Hits@10, overall and broken down.
 *
 * @param matching   the answer matching used
 * @param overall    all questions
 * @param breakdowns breakdown name (e.g. {@code qtype}) to label (e.g. {@code before_after}) to score; sorted
 */
public record HitsReport(String matching, Bucket overall, Map<String, Map<String, Bucket>> breakdowns) {
    public HitsReport {
        breakdowns = Map.copyOf(breakdowns);
    }

    /**
     * The mean Hits@k of a group of questions.
     *
     * @param count  how many questions
     * @param hits1  mean Hits@1 (0 when the group is empty)
     * @param hits10 mean Hits@10
     */
    public record Bucket(int count, double hits1, double hits10) {
    }
}
