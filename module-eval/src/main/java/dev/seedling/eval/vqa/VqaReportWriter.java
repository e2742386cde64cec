package dev.seedling.eval.vqa;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link VqaReport} as {@code report.md} (tables in the paper's layout: model | CO | NA | IN | CGA | F, then
 * F by language, by task and by topic, in percent to one decimal), {@code report.json} (the same numbers as
 * fractions, unrounded, keyed by code) and SVG plots ({@code f_by_task.svg}, and {@code reliability.svg} when
 * calibration ran). Stateless.
 */
public final class VqaReportWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Writes the files into {@code dir}; returns their paths, {@code report.md} first.
     *
     * @throws UncheckedIOException naming the file that could not be written
     */
    public List<Path> write(VqaReport report, Path dir) {
        List<Path> written = new ArrayList<>();
        written.add(writeFile(dir.resolve("report.md"), markdown(report)));
        try {
            written.add(writeFile(dir.resolve("report.json"),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json(report)) + "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the report: " + e.getMessage(), e);
        }
        Map<String, Double> fByTask = new LinkedHashMap<>();
        report.factuality().byTask().forEach((k, m) -> fByTask.put(k, m.f()));
        written.add(writeFile(dir.resolve("f_by_task.svg"), SvgCharts.bars(fByTask, "F by task", "F")));
        if (report.calibration() != null) {
            written.add(writeFile(dir.resolve("reliability.svg"),
                    SvgCharts.reliabilityDiagram(report.calibration(), "Reliability")));
        }
        return written;
    }

    /** The Markdown report. */
    public String markdown(VqaReport r) {
        StringBuilder s = new StringBuilder();
        VqaRunManifest m = r.manifest();
        s.append("# SimpleVQA report\n\n");
        if (!r.complete()) {
            s.append("**Incomplete run:** ").append(r.itemsGraded()).append(" of ").append(r.itemsTotal())
                    .append(" items graded; resume the run to finish it.\n\n");
        }
        s.append("- Model: `").append(m.model()).append("`\n- Judge: `").append(m.judge()).append("` (")
                .append(m.judgeChoice()).append(")\n- Dataset: `").append(m.dataset()).append("`, ")
                .append(m.items()).append(" items, sha256 `").append(m.datasetSha256()).append("`\n")
                .append("- Judge parse failures (graded NOT_ATTEMPTED): ")
                .append(r.factuality().overall().parseFailures()).append("\n\n");
        s.append("## Overall\n\n| Model | CO | NA | IN | CGA | F |\n|---|---|---|---|---|---|\n");
        Metrics o = r.factuality().overall();
        s.append("| ").append(m.model()).append(" | ").append(pct(o.co())).append(" | ").append(pct(o.na()))
                .append(" | ").append(pct(o.in())).append(" | ").append(pct(o.cga())).append(" | ")
                .append(pct(o.f())).append(" |\n\n");
        table(s, "F by language", m.model(), r.factuality().byLanguage());
        table(s, "F by task", m.model(), r.factuality().byTask());
        table(s, "F by topic", m.model(), r.factuality().byTopic());
        s.append("![F by task](f_by_task.svg)\n\n");
        if (r.calibration() != null) {
            s.append("## Calibration\n\nECE (").append(r.calibration().bins().size()).append(" equal-width bins): ")
                    .append(String.format(Locale.ROOT, "%.3f", r.calibration().ece())).append(" over ")
                    .append(r.calibration().n()).append(" answers (").append(r.calibrationUnparsed())
                    .append(" replies without a readable confidence left out).\n\n")
                    .append("| Confidence | n | Accuracy | Mean confidence |\n|---|---|---|---|\n");
            for (CalibrationAnalyzer.Bin b : r.calibration().bins()) {
                boolean empty = b.count() == 0;
                s.append(String.format(Locale.ROOT, "| %.0f–%.0f | %d | %s | %s |%n", 100 * b.lower(),
                        100 * b.upper(), b.count(), empty ? "–" : pct(b.accuracy()),
                        empty ? "–" : pct(b.meanConfidence())));
            }
            s.append("\n![Reliability diagram](reliability.svg)\n\n");
        }
        if (!r.probe().isEmpty()) {
            s.append("## Atomic-question probe\n\n| Items | Visual errors | Knowledge errors | No error |\n")
                    .append("|---|---|---|---|\n");
            probeRow(s, "all probed", r.probe());
            probeRow(s, "main answer not correct", r.probeOnErrors());
            s.append('\n');
        }
        return s.toString();
    }

    /**
     * One Markdown table comparing several runs (e.g. one per model on the same data), a row per run in the given
     * order: model | CO | NA | IN | CGA | F | F-CN | F-EN, percent to one decimal; "–" where a run has no such group.
     * Runs over different datasets are flagged under the table.
     */
    public String comparison(List<VqaReport> reports) {
        StringBuilder s = new StringBuilder("| Model | CO | NA | IN | CGA | F | F-CN | F-EN |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (VqaReport r : reports) {
            Metrics o = r.factuality().overall();
            s.append("| ").append(r.manifest().model()).append(" | ").append(pct(o.co())).append(" | ")
                    .append(pct(o.na())).append(" | ").append(pct(o.in())).append(" | ").append(pct(o.cga()))
                    .append(" | ").append(pct(o.f())).append(" | ").append(f(r.factuality().byLanguage().get("CN")))
                    .append(" | ").append(f(r.factuality().byLanguage().get("EN"))).append(" |\n");
        }
        long datasets = reports.stream().map(r -> r.manifest().datasetSha256()).distinct().count();
        if (datasets > 1) {
            s.append("\n**Warning:** these runs used ").append(datasets).append(" different datasets.\n");
        }
        return s.toString();
    }

    private static String f(Metrics m) {
        return m == null ? "–" : pct(m.f());
    }

    private static void table(StringBuilder s, String title, String model, Map<String, Metrics> groups) {
        s.append("## ").append(title).append("\n\n| Model |");
        groups.keySet().forEach(k -> s.append(' ').append(k).append(" |"));
        s.append("\n|---|");
        groups.keySet().forEach(k -> s.append("---|"));
        s.append("\n| ").append(model).append(" |");
        groups.values().forEach(v -> s.append(' ').append(pct(v.f())).append(" |"));
        s.append("\n| n |");
        groups.values().forEach(v -> s.append(' ').append(v.n()).append(" |"));
        s.append("\n\n");
    }

    private static void probeRow(StringBuilder s, String label, Map<AtomicProbe.Outcome, Integer> counts) {
        s.append("| ").append(label).append(" | ").append(counts.getOrDefault(AtomicProbe.Outcome.VISUAL, 0))
                .append(" | ").append(counts.getOrDefault(AtomicProbe.Outcome.KNOWLEDGE, 0)).append(" | ")
                .append(counts.getOrDefault(AtomicProbe.Outcome.NONE, 0)).append(" |\n");
    }

    /** The JSON report. */
    public ObjectNode json(VqaReport r) {
        ObjectNode n = JSON.createObjectNode();
        n.set("run", r.manifest().toJson());
        n.put("items_total", r.itemsTotal()).put("items_graded", r.itemsGraded()).put("complete", r.complete());
        n.set("overall", metrics(r.factuality().overall()));
        n.set("by_language", group(r.factuality().byLanguage()));
        n.set("by_task", group(r.factuality().byTask()));
        n.set("by_topic", group(r.factuality().byTopic()));
        if (r.calibration() != null) {
            ObjectNode c = n.putObject("calibration");
            c.put("ece", r.calibration().ece()).put("n", r.calibration().n())
                    .put("unparsed", r.calibrationUnparsed());
            ArrayNode bins = c.putArray("bins");
            for (CalibrationAnalyzer.Bin b : r.calibration().bins()) {
                bins.addObject().put("lower", b.lower()).put("upper", b.upper()).put("count", b.count())
                        .put("accuracy", b.accuracy()).put("mean_confidence", b.meanConfidence());
            }
        }
        if (!r.probe().isEmpty()) {
            ObjectNode p = n.putObject("atomic_probe");
            ObjectNode all = p.putObject("all");
            r.probe().forEach((k, v) -> all.put(k.name(), v));
            ObjectNode errors = p.putObject("main_not_correct");
            r.probeOnErrors().forEach((k, v) -> errors.put(k.name(), v));
        }
        return n;
    }

    private static ObjectNode group(Map<String, Metrics> groups) {
        ObjectNode g = JSON.createObjectNode();
        groups.forEach((k, v) -> g.set(k, metrics(v)));
        return g;
    }

    private static ObjectNode metrics(Metrics m) {
        ObjectNode n = JSON.createObjectNode();
        n.put("n", m.n()).put("correct", m.correct()).put("incorrect", m.incorrect())
                .put("not_attempted", m.notAttempted()).put("parse_failures", m.parseFailures())
                .put("co", m.co()).put("na", m.na()).put("in", m.in()).put("cga", m.cga()).put("f", m.f());
        return n;
    }

    static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.1f", 100 * fraction);
    }

    private static Path writeFile(Path p, String content) {
        try {
            Files.writeString(p, content);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + p + ": " + e.getMessage(), e);
        }
    }
}
