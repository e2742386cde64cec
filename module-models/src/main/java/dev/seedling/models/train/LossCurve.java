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
        double[] steps = rows.stream().mapToDouble(Row::step).toArray();
        return LinePlot.svg("step", List.of(
                new LinePlot.Series("train loss", steps, rows.stream().mapToDouble(Row::trainLoss).toArray(), false,
                        "steelblue"),
                new LinePlot.Series("validation loss", steps, rows.stream().mapToDouble(Row::valLoss).toArray(), true,
                        "darkorange")), 640, 400);
    }
}
