package dev.seedling.eval.tkgqa;

/**
 * What one self-improvement round did.
 *
 * @param round        1-based round number
 * @param attempted    questions drafted this round
 * @param verified     programs whose answers hit the gold (Ft), added to the demo pool
 * @param failedDraft  model failures
 * @param failedParse  replies without a readable program
 * @param failedValidate programs the validator rejected
 * @param failedExecute programs stopped by a limit
 * @param wrongAnswer  programs that ran but missed the gold
 * @param poolSize     demos in the pool after the round
 * @param millis       wall time of the round
 */
public record RoundStatistics(int round, int attempted, int verified, int failedDraft, int failedParse,
                              int failedValidate, int failedExecute, int wrongAnswer, int poolSize, long millis) {
    /** Verified programs as a share of attempts. */
    public double yield() {
        return attempted == 0 ? 0 : (double) verified / attempted;
    }
}
