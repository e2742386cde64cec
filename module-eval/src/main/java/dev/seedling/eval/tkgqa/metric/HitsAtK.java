package dev.seedling.eval.tkgqa.metric;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Hits@k: a question scores 1 when one of its top {@code k} predictions matches a gold answer; a report is the mean.
 * Stateless and thread-safe.
 */
public final class HitsAtK {
    /** The MultiTQ question types whose time level is reported (those that state a time). */
    public static final Set<String> TIME_LEVEL_TYPES = Set.of("equal", "equal_multi", "before_after");

    private final AnswerMatching matching;

    /** Hits@k with the given matching. */
    public HitsAtK(AnswerMatching matching) {
        this.matching = Objects.requireNonNull(matching, "matching");
    }

    /** Whether one of the first {@code k} of {@code ranked} matches one of {@code gold}. */
    public boolean hit(List<String> ranked, Collection<String> gold, int k) {
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            for (String g : gold) {
                if (matching.matches(ranked.get(i), g)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Scores {@code outcomes}. Breakdowns: for MultiTQ questions {@code qtype}, {@code qlabel}, {@code answer_type}
     * and {@code time_level} (only {@link #TIME_LEVEL_TYPES} that state a time); for CronQuestions {@code type},
     * {@code complexity} and {@code answer_type}.
     */
    public HitsReport report(Collection<Outcome> outcomes) {
        Acc overall = new Acc();
        Map<String, Map<String, Acc>> groups = new TreeMap<>();
        for (Outcome o : outcomes) {
            boolean h1 = hit(o.predictions(), o.gold(), 1);
            boolean h10 = hit(o.predictions(), o.gold(), 10);
            overall.add(h1, h10);
            boolean cron = "CRON".equals(o.dataset());
            add(groups, cron ? "type" : "qtype", o.qtype(), h1, h10);
            add(groups, cron ? "complexity" : "qlabel", o.qlabel(), h1, h10);
            add(groups, "answer_type", o.answerType(), h1, h10);
            if (!cron && o.hasTime() && o.timeLevel() != null && TIME_LEVEL_TYPES.contains(o.qtype())) {
                add(groups, "time_level", o.timeLevel(), h1, h10);
            }
        }
        Map<String, Map<String, HitsReport.Bucket>> out = new TreeMap<>();
        groups.forEach((name, labels) -> {
            Map<String, HitsReport.Bucket> m = new TreeMap<>();
            labels.forEach((label, acc) -> m.put(label, acc.bucket()));
            out.put(name, m);
        });
        return new HitsReport(matching.name(), overall.bucket(), out);
    }

    private static void add(Map<String, Map<String, Acc>> groups, String name, String label, boolean h1, boolean h10) {
        if (label != null) {
            groups.computeIfAbsent(name, k -> new TreeMap<>()).computeIfAbsent(label, k -> new Acc()).add(h1, h10);
        }
    }

    /** Running sums of one group. */
    private static final class Acc {
        int n;
        int h1;
        int h10;

        void add(boolean hit1, boolean hit10) {
            n++;
            h1 += hit1 ? 1 : 0;
            h10 += hit10 ? 1 : 0;
        }

        HitsReport.Bucket bucket() {
            return new HitsReport.Bucket(n, n == 0 ? 0 : (double) h1 / n, n == 0 ? 0 : (double) h10 / n);
        }
    }
}
