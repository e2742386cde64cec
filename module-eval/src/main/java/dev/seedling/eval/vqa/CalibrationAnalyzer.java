package dev.seedling.eval.vqa;

import java.util.ArrayList;
import java.util.List;

/**
 * Calibration of stated confidence against judged correctness: answers are put in {@code bins} equal-width bins of
 * confidence/100 (a confidence of exactly 100 goes to the last bin), and
 * ECE = Σ_b (|b|/N)·|acc_b − conf_b|, where acc_b is the fraction graded CORRECT and conf_b the mean confidence of bin
 * b. The paper publishes no binning; 10 bins is our choice. Stateless and thread-safe.
 */
public final class CalibrationAnalyzer {
    private final int bins;

    /** @throws IllegalArgumentException when {@code bins < 1} */
    public CalibrationAnalyzer(int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("need at least 1 bin, got " + bins);
        }
        this.bins = bins;
    }

    /** One answer: its confidence in [0, 100] and whether it was graded CORRECT. */
    public record Point(double confidence, boolean correct) {
    }

    /**
     * A bin: confidence range [lower, upper) (the last one closed), its size, accuracy and mean confidence (both in
     * [0, 1]; 0 for an empty bin).
     */
    public record Bin(double lower, double upper, int count, double accuracy, double meanConfidence) {
    }

    /** The bins, their ECE and the number of points. */
    public record Result(List<Bin> bins, double ece, int n) {
        public Result {
            bins = List.copyOf(bins);
        }
    }

    public Result analyze(List<Point> points) {
        int[] count = new int[bins];
        int[] correct = new int[bins];
        double[] confSum = new double[bins];
        for (Point p : points) {
            double c = p.confidence() / 100.0;
            int b = Math.min(bins - 1, (int) Math.floor(c * bins));
            count[b]++;
            confSum[b] += c;
            if (p.correct()) {
                correct[b]++;
            }
        }
        List<Bin> out = new ArrayList<>(bins);
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            double acc = count[b] == 0 ? 0 : (double) correct[b] / count[b];
            double conf = count[b] == 0 ? 0 : confSum[b] / count[b];
            out.add(new Bin((double) b / bins, (double) (b + 1) / bins, count[b], acc, conf));
            if (!points.isEmpty()) {
                ece += (double) count[b] / points.size() * Math.abs(acc - conf);
            }
        }
        return new Result(out, ece, points.size());
    }
}
