package dev.seedling.eval.tkgqa;

import dev.seedling.data.tkg.TkgQuestion;
import dev.seedling.eval.tkgqa.draft.Demo;
import dev.seedling.eval.tkgqa.draft.DemoPool;
import dev.seedling.eval.tkgqa.metric.HitsAtK;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Self-improvement, in-context variant (Algorithm 1 of the paper with the fine-tuning step replaced by adding the
 * verified programs Ft to the demo pool): each round drafts a program for every question left in the pool, keeps
 * those whose executed answers intersect the gold, and carries the rest (Ff) to the next round. The verified demos
 * join the pool at the end of the round, as a fine-tuned model would only be used from the next round on. Stops
 * after {@code maxRounds}, when a round verifies fewer than {@code minVerified}, or when no questions are left.
 * Not thread-safe; the pool may be shared with readers. The fine-tuning variant is
 * {@link dev.seedling.eval.tkgqa.tune.FineTuneSelfImprovementLoop}.
 */
public final class SelfImprovementLoop {
    private final ProgTqaAnswerer answerer;
    private final DemoPool pool;
    private final HitsAtK hits;
    private final int maxRounds;
    private final int minVerified;

    /**
     * @param hits        decides whether an answer set "hits" the gold (its matching); all answers count, not top-k
     * @param maxRounds   the paper's Max (2 rounds for MultiTQ, 1 for CronQuestions)
     * @param minVerified the paper's C: stop once a round verifies fewer programs
     */
    public SelfImprovementLoop(ProgTqaAnswerer answerer, DemoPool pool, HitsAtK hits, int maxRounds, int minVerified) {
        this.answerer = Objects.requireNonNull(answerer, "answerer");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.hits = Objects.requireNonNull(hits, "hits");
        if (maxRounds <= 0 || minVerified < 0) {
            throw new IllegalArgumentException("maxRounds must be positive and minVerified non-negative but are "
                    + maxRounds + ", " + minVerified);
        }
        this.maxRounds = maxRounds;
        this.minVerified = minVerified;
    }

    /** Runs the rounds over {@code trainQuestions} and returns one statistics record per round. */
    public List<RoundStatistics> run(List<TkgQuestion> trainQuestions) {
        List<RoundStatistics> stats = new ArrayList<>();
        List<TkgQuestion> remaining = List.copyOf(trainQuestions);
        for (int round = 1; round <= maxRounds && !remaining.isEmpty(); round++) {
            DraftRound r = DraftRound.run(answerer, remaining, hits);
            for (DraftRound.Verified v : r.verified()) {
                pool.add(new Demo(v.question().question(), v.attempt().category(), v.attempt().program(), false));
            }
            stats.add(r.statistics(round, pool.size()));
            remaining = r.failed();
            if (r.verified().size() < minVerified) {
                break;
            }
        }
        return stats;
    }
}
