package dev.seedling.eval.ie.score;

/**
 * Micro counts and the scores derived from them: P = TP/#pred, R = TP/#gold, F1 = 2PR/(P+R), each 0 when its
 * denominator is 0.
 *
 * @param truePositives matched predictions
 * @param predicted     predictions counted
 * @param gold          gold tuples counted
 */
public record Prf(long truePositives, long predicted, long gold) {
    /** No predictions, no gold. */
    public static final Prf ZERO = new Prf(0, 0, 0);

    public Prf {
        if (truePositives < 0 || predicted < 0 || gold < 0) {
            throw new IllegalArgumentException("negative count in " + truePositives + "/" + predicted + "/" + gold);
        }
    }

    /** The sum of two counts. */
    public Prf plus(Prf o) {
        return new Prf(truePositives + o.truePositives, predicted + o.predicted, gold + o.gold);
    }

    /** Precision in [0, 1] (above 1 only under {@link DuplicatePolicy#KNOWCODER}). */
    public double precision() {
        return predicted == 0 ? 0 : (double) truePositives / predicted;
    }

    /** Recall in [0, 1] (above 1 only under {@link DuplicatePolicy#KNOWCODER}). */
    public double recall() {
        return gold == 0 ? 0 : (double) truePositives / gold;
    }

    /** The harmonic mean of precision and recall, 0 when both are 0. */
    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** A score ×100 with one decimal, as papers report it ({@code 66.7}). */
    public static String percent(double score) {
        return String.format(java.util.Locale.ROOT, "%.1f", score * 100);
    }
}
