package dev.seedling.eval.tkgqa.exec;

import java.util.Comparator;

/**
 * How a program's answer set is ordered, since Hits@1 depends on it and programs return sets. The spec's policy
 * ranks by support (how many facts gave the answer), then recency (latest fact start, or the time itself for time
 * answers), then name.
 */
public enum AnswerRanking {
    /** Support descending, then recency descending, then text ascending. */
    SUPPORT_RECENCY_NAME(Comparator.comparingInt(RankedAnswer::support).reversed()
            .thenComparing(Comparator.comparingInt(RankedAnswer::recency).reversed())
            .thenComparing(RankedAnswer::text)),
    /** Text ascending only: a ranking that ignores evidence, as a baseline. */
    NAME(Comparator.comparing(RankedAnswer::text));

    private final Comparator<RankedAnswer> order;

    AnswerRanking(Comparator<RankedAnswer> order) {
        this.order = order;
    }

    /** The order, best first. */
    public Comparator<RankedAnswer> order() {
        return order;
    }
}
