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
 * Not thread-safe; the pool may be shared with readers.
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
            long t0 = System.nanoTime();
            List<Demo> verified = new ArrayList<>();
            List<TkgQuestion> failed = new ArrayList<>();
            int[] byStage = new int[Attempt.Stage.values().length];
            int wrong = 0;
            for (TkgQuestion q : remaining) {
                Attempt a = answerer.answer(q);
                byStage[a.failedAt().ordinal()]++;
                if (a.failedAt() == Attempt.Stage.NONE && hits.hit(a.texts(), q.answers(), Integer.MAX_VALUE)) {
                    verified.add(new Demo(q.question(), a.category(), a.program(), false));
                } else {
                    wrong += a.failedAt() == Attempt.Stage.NONE ? 1 : 0;
                    failed.add(q);
                }
            }
            verified.forEach(pool::add);
            stats.add(new RoundStatistics(round, remaining.size(), verified.size(),
                    byStage[Attempt.Stage.DRAFT.ordinal()], byStage[Attempt.Stage.PARSE.ordinal()],
                    byStage[Attempt.Stage.VALIDATE.ordinal()], byStage[Attempt.Stage.EXECUTE.ordinal()], wrong,
                    pool.size(), (System.nanoTime() - t0) / 1_000_000));
            remaining = failed;
            if (verified.size() < minVerified) {
                break;
            }
        }
        return stats;
    }
}
