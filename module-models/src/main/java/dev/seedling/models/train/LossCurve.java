package dev.seedling.models.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The loss curve of a run: rows appended to {@code loss.csv} as they come, and {@code loss.svg} redrawn from them
 * (train loss as a line, validation loss as dots; log-free linear axes). Reads an existing CSV so a resumed run
 * continues the same curve.
 */
public final class LossCurve {
    /** One logged step; {@code valLoss} is NaN when no validation ran at that step. */
    public record Row(long step, double lr, double trainLoss, double valLoss, double tokensPerSecond) {
    }

    private static final String HEADER = "step,lr,train_loss,val_loss,tokens_per_s";
    private final Path csv;
    private final Path svg;
    private final List<Row> rows = new ArrayList<>();

    public LossCurve(Path dir) {
        this.csv = dir.resolve("loss.csv");
        this.svg = dir.resolve("loss.svg");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run directory " + dir, e);
        }
        if (Files.exists(csv)) {
            try {
                List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
                for (int i = 1; i < lines.size(); i++) {
                    String[] f = lines.get(i).split(",");
                    if (f.length == 5) {
                        rows.add(new Row(Long.parseLong(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                                Double.parseDouble(f[3]), Double.parseDouble(f[4])));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                throw new IllegalStateException(csv + ": cannot read the existing loss curve: " + e.getMessage(), e);
            }
        }
    }

    /** Rows so far (including those read back on resume). */
    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Drops rows after {@code step} (a resumed run repeats them). */
    public void truncateAfter(long step) {
        rows.removeIf(r -> r.step() > step);
        rewrite();
    }

    public void add(Row row) {
        rows.add(row);
        rewrite();
    }

    private void rewrite() {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%d,%.6g,%.6f,%.6f,%.1f%n", r.step(), r.lr(), r.trainLoss(),
                    r.valLoss(), r.tokensPerSecond()));
        }
        try {
            Files.writeString(csv, sb.toString(), StandardCharsets.UTF_8);
            Files.writeString(svg, svg(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(csv + ": cannot write the loss curve", e);
        }
    }

    /** The plot as SVG text. */
    String svg() {
        int w = 640;
        int h = 400;
        int pad = 50;
        double maxStep = rows.stream().mapToLong(Row::step).max().orElse(1);
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (Row r : rows) {
            for (double v : new double[]{r.trainLoss(), r.valLoss()}) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        if (hi - lo < 1e-9) {
            hi = lo + 1;
        }
        double fLo = lo;
        double fHi = hi;
        java.util.function.DoubleUnaryOperator x = s -> pad + (w - 2 * pad) * s / Math.max(1, maxStep);
        java.util.function.DoubleUnaryOperator y = v -> h - pad - (h - 2 * pad) * (v - fLo) / (fHi - fLo);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", w, h));
        sb.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", w, h));
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                pad, h - pad, w - pad, h - pad));
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                pad, pad, pad, h - pad));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">step (max %d)</text>%n", w / 2 - 30,
                h - 15, (long) maxStep));
        sb.append(String.format(Locale.ROOT, "<text x=\"5\" y=\"%d\">%.3f</text>%n", pad, hi));
        sb.append(String.format(Locale.ROOT, "<text x=\"5\" y=\"%d\">%.3f</text>%n", h - pad, lo));
        sb.append("<polyline fill=\"none\" stroke=\"steelblue\" stroke-width=\"2\" points=\"");
        for (Row r : rows) {
            if (Double.isFinite(r.trainLoss())) {
                sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.applyAsDouble(r.step()),
                        y.applyAsDouble(r.trainLoss())));
            }
        }
        sb.append("\"/>\n");
        for (Row r : rows) {
            if (Double.isFinite(r.valLoss())) {
                sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"darkorange\"/>%n",
                        x.applyAsDouble(r.step()), y.applyAsDouble(r.valLoss())));
            }
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"steelblue\">train loss</text>%n",
                w - 160, pad - 20));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"darkorange\">validation loss</text>%n",
                w - 160, pad - 5));
        return sb.append("</svg>\n").toString();
    }
}
