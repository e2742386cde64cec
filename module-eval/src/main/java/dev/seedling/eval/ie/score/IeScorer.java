package dev.seedling.eval.ie.score;

import dev.seedling.eval.ie.Annotations;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Micro P/R/F1 over a corpus. Tuples are matched within each sentence, predictions in order, each against the first
 * matching gold tuple still available (under {@link DuplicatePolicy#MULTISET}); counts are summed over sentences.
 * A per-type row restricts both sides to the tuples of that type. Immutable and thread-safe.
 */
public final class IeScorer {
    private final SpanMatcher matcher;
    private final DuplicatePolicy duplicates;

    /** A scorer with a span matcher and a duplicate policy. */
    public IeScorer(SpanMatcher matcher, DuplicatePolicy duplicates) {
        this.matcher = matcher;
        this.duplicates = duplicates;
    }

    /** Exact span match, multiset duplicates: the default. */
    public IeScorer() {
        this(SpanMatcher.exact(), DuplicatePolicy.MULTISET);
    }

    /**
     * One sentence: its gold and predicted mentions.
     *
     * @param gold      the gold mentions
     * @param predicted the predicted mentions (after filtering, types canonical)
     */
    public record Pair(Annotations gold, Annotations predicted) {
    }

    /** Scores one metric over the corpus. */
    public IeScore score(IeMetric metric, List<Pair> corpus) {
        Prf overall = Prf.ZERO;
        Map<String, Prf> perType = new TreeMap<>();
        for (Pair p : corpus) {
            List<MatchTuple> gold = metric.tuples(p.gold());
            List<MatchTuple> pred = metric.tuples(p.predicted());
            overall = overall.plus(count(pred, gold));
            if (metric.typed()) {
                LinkedHashSet<String> groups = new LinkedHashSet<>();
                gold.forEach(t -> groups.add(t.group()));
                pred.forEach(t -> groups.add(t.group()));
                for (String g : groups) {
                    perType.merge(g, count(only(pred, g), only(gold, g)), Prf::plus);
                }
            }
        }
        return new IeScore(metric, overall, perType);
    }

    /** Scores every metric of the corpus's task, in {@link IeMetric#of} order. */
    public List<IeScore> scoreAll(List<IeMetric> metrics, List<Pair> corpus) {
        return metrics.stream().map(m -> score(m, corpus)).toList();
    }

    private static List<MatchTuple> only(List<MatchTuple> tuples, String group) {
        return tuples.stream().filter(t -> t.group().equals(group)).toList();
    }

    /** Counts for one sentence under the duplicate policy. */
    Prf count(List<MatchTuple> pred, List<MatchTuple> gold) {
        if (duplicates == DuplicatePolicy.SET) {
            pred = List.copyOf(new LinkedHashSet<>(pred));
            gold = List.copyOf(new LinkedHashSet<>(gold));
        }
        long tp = 0;
        if (duplicates == DuplicatePolicy.KNOWCODER) {
            for (MatchTuple p : pred) {
                if (gold.stream().anyMatch(g -> p.matches(g, matcher))) {
                    tp++;
                }
            }
        } else {
            List<MatchTuple> available = new ArrayList<>(gold);
            for (MatchTuple p : pred) {
                for (int i = 0; i < available.size(); i++) {
                    if (p.matches(available.get(i), matcher)) {
                        available.remove(i);
                        tp++;
                        break;
                    }
                }
            }
        }
        return new Prf(tp, pred.size(), gold.size());
    }
}
