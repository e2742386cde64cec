package dev.seedling.eval.tkgqa;

import dev.seedling.data.tkg.TkgQuestion;
import dev.seedling.eval.tkgqa.metric.HitsAtK;

import java.util.ArrayList;
import java.util.List;

/**
 * The drafting half of one self-improvement round, shared by both variants: every question is answered, and those
 * whose executed answers intersect the gold (all answers count, not top-k) are verified (the paper's Ft); the rest
 * (Ff) go on to the next round.
 *
 * @param verified    the questions with their verified attempts, in question order
 * @param failed      the questions that were not verified, in question order
 * @param byStage     how many attempts stopped at each {@link Attempt.Stage} (index: ordinal; NONE counts those that
 *                    ran to the end)
 * @param wrongAnswer attempts that ran but missed the gold
 * @param millis      wall time of the drafting
 */
public record DraftRound(List<Verified> verified, List<TkgQuestion> failed, List<Integer> byStage, int wrongAnswer,
                         long millis) {
    /** A question and the attempt that answered it correctly. */
    public record Verified(TkgQuestion question, Attempt attempt) {
    }

    public DraftRound {
        verified = List.copyOf(verified);
        failed = List.copyOf(failed);
        byStage = List.copyOf(byStage);
    }

    /** Answers every question of {@code questions} with {@code answerer} and sorts them by {@code hits}. */
    public static DraftRound run(ProgTqaAnswerer answerer, List<TkgQuestion> questions, HitsAtK hits) {
        long t0 = System.nanoTime();
        List<Verified> verified = new ArrayList<>();
        List<TkgQuestion> failed = new ArrayList<>();
        int[] byStage = new int[Attempt.Stage.values().length];
        int wrong = 0;
        for (TkgQuestion q : questions) {
            Attempt a = answerer.answer(q);
            byStage[a.failedAt().ordinal()]++;
            if (a.failedAt() == Attempt.Stage.NONE && hits.hit(a.texts(), q.answers(), Integer.MAX_VALUE)) {
                verified.add(new Verified(q, a));
            } else {
                wrong += a.failedAt() == Attempt.Stage.NONE ? 1 : 0;
                failed.add(q);
            }
        }
        List<Integer> stages = new ArrayList<>();
        for (int n : byStage) {
            stages.add(n);
        }
        return new DraftRound(verified, failed, stages, wrong, (System.nanoTime() - t0) / 1_000_000);
    }

    /** Attempts that stopped at {@code stage}. */
    public int failedAt(Attempt.Stage stage) {
        return byStage.get(stage.ordinal());
    }

    /** This round as statistics, with {@code poolSize} as the size of what the round grew (demos or examples). */
    public RoundStatistics statistics(int round, int poolSize) {
        return new RoundStatistics(round, verified.size() + failed.size(), verified.size(),
                failedAt(Attempt.Stage.DRAFT), failedAt(Attempt.Stage.PARSE), failedAt(Attempt.Stage.VALIDATE),
                failedAt(Attempt.Stage.EXECUTE), wrongAnswer, poolSize, millis);
    }
}
