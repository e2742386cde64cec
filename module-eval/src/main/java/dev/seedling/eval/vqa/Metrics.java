package dev.seedling.eval.vqa;

/**
 * The SimpleQA/SimpleVQA factuality metrics of a group of graded answers, as fractions in [0, 1].
 * CO = correct/N, IN = incorrect/N, NA = not attempted/N, CGA = CO/(CO+IN) (0 when nothing was attempted),
 * F = 2·CO·CGA/(CO+CGA) (0 when both are 0).
 *
 * @param n            answers in the group
 * @param correct      answers graded CORRECT
 * @param incorrect    answers graded INCORRECT
 * @param notAttempted answers graded NOT_ATTEMPTED (parse failures included)
 * @param parseFailures judge outputs that could not be read and were graded NOT_ATTEMPTED by default
 */
public record Metrics(int n, int correct, int incorrect, int notAttempted, int parseFailures,
        double co, double in, double na, double cga, double f) {

    /**
     * Metrics from counts.
     *
     * @param compat reproduce the official script: round CO, IN and NA to 4 decimals (and CO+IN likewise) before
     *               computing CGA and F
     * @throws IllegalArgumentException when a count is negative
     */
    public static Metrics of(int correct, int incorrect, int notAttempted, int parseFailures, boolean compat) {
        if (correct < 0 || incorrect < 0 || notAttempted < 0 || parseFailures < 0) {
            throw new IllegalArgumentException("negative count: correct=" + correct + " incorrect=" + incorrect
                    + " notAttempted=" + notAttempted + " parseFailures=" + parseFailures);
        }
        int n = correct + incorrect + notAttempted;
        if (n == 0) {
            return new Metrics(0, 0, 0, 0, parseFailures, 0, 0, 0, 0, 0);
        }
        double co = (double) correct / n;
        double in = (double) incorrect / n;
        double na = (double) notAttempted / n;
        double attempted = co + in;
        if (compat) {
            co = round4(co);
            in = round4(in);
            na = round4(na);
            attempted = round4(co + in);
        }
        double cga = attempted > 0 ? co / attempted : 0;
        double f = co + cga > 0 ? 2 * co * cga / (co + cga) : 0;
        return new Metrics(n, correct, incorrect, notAttempted, parseFailures, co, in, na, cga, f);
    }

    private static double round4(double x) {
        return Math.round(x * 10_000.0) / 10_000.0; // Python's round() differs only on exact .5 ties
    }
}
