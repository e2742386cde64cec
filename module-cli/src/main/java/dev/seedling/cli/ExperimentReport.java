package dev.seedling.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes an experiment's Markdown report and its SVG plots into one directory. */
final class ExperimentReport {
    private final Path dir;
    private final StringBuilder md = new StringBuilder();

    ExperimentReport(Path dir, String title) {
        this.dir = dir;
        md.append("# ").append(title).append("\n\n");
    }

    ExperimentReport text(String paragraph) {
        md.append(paragraph).append("\n\n");
        return this;
    }

    ExperimentReport table(List<String> header, List<List<String>> rows) {
        md.append("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(h -> md.append("---|"));
        md.append('\n');
        rows.forEach(r -> md.append("| ").append(String.join(" | ", r)).append(" |\n"));
        md.append('\n');
        return this;
    }

    ExperimentReport plot(String file, String title, String xLabel, String yLabel, List<SvgChart.Series> series) {
        write(dir.resolve(file), SvgChart.render(title, xLabel, yLabel, series));
        md.append("![").append(title).append("](").append(file).append(")\n\n");
        return this;
    }

    void save(String file) {
        write(dir.resolve(file), md.toString());
        System.out.println("wrote " + dir.resolve(file));
    }

    static String f(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
