package dev.seedling.eval.ie.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seedling.eval.ie.score.IeMetric;
import dev.seedling.eval.ie.score.IeScore;
import dev.seedling.eval.ie.score.Prf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes an {@link IeReport} as {@code report.md} (tables: P, R, F1 ×100 with one decimal, then TP, #pred, #gold) and
 * {@code report.json} (the same numbers, with scores as fractions). Stateless and thread-safe.
 */
public final class IeReportWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private IeReportWriter() {
    }

    /**
     * Writes both files into {@code dir}, replacing earlier ones.
     *
     * @throws UncheckedIOException when a file cannot be written
     */
    public static void write(IeReport r, Path dir) {
        try {
            Files.writeString(dir.resolve("report.md"), markdown(r));
            Files.writeString(dir.resolve("report.json"), json(r) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + dir, e);
        }
    }

    /** The Markdown report. */
    public static String markdown(IeReport r) {
        StringBuilder sb = new StringBuilder("# AlignXIE evaluation: ").append(r.task().id()).append("\n\n")
                .append("- model: ").append(r.model()).append('\n')
                .append("- style: ").append(r.options().style()).append(", duplicates: ")
                .append(r.options().duplicates()).append(", hallucination filter: ")
                .append(r.options().filterHallucinations() ? "on" : "off").append('\n')
                .append("- items: ").append(r.items()).append(" (model errors: ").append(r.modelErrors())
                .append(")\n- parse: ").append(statuses(r)).append(", undecodable elements: ")
                .append(r.undecodable()).append(", recovered by regex: ").append(r.recovered()).append('\n')
                .append("- filtered: span not in sentence ").append(r.filtered().spanNotInSentence())
                .append(", type not in schema ").append(r.filtered().typeNotInSchema())
                .append(", unknown role ").append(r.filtered().unknownRole())
                .append(", excess repeats ").append(r.filtered().excessRepeats()).append('\n');
        for (IeScore s : r.scores()) {
            sb.append("\n## ").append(s.metric()).append("\n\n| type | P | R | F1 | TP | #pred | #gold |\n")
                    .append("|---|---:|---:|---:|---:|---:|---:|\n");
            row(sb, "**overall**", s.overall());
            s.perType().forEach((type, prf) -> row(sb, type, prf));
        }
        if (!r.perLanguage().isEmpty()) {
            sb.append("\n## By language (F1)\n\n| lang |");
            r.scores().forEach(s -> sb.append(' ').append(s.metric()).append(" |"));
            sb.append("\n|---|").append("---:|".repeat(r.scores().size())).append('\n');
            r.perLanguage().forEach((lang, byMetric) -> {
                sb.append("| ").append(lang).append(" |");
                r.scores().forEach(s -> sb.append(' ')
                        .append(Prf.percent(byMetric.getOrDefault(s.metric(), Prf.ZERO).f1())).append(" |"));
                sb.append('\n');
            });
        }
        return sb.toString();
    }

    private static String statuses(IeReport r) {
        StringBuilder sb = new StringBuilder();
        r.parseStatus().forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append(' ').append(v));
        return sb.toString();
    }

    private static void row(StringBuilder sb, String label, Prf p) {
        sb.append("| ").append(label).append(" | ").append(Prf.percent(p.precision())).append(" | ")
                .append(Prf.percent(p.recall())).append(" | ").append(Prf.percent(p.f1())).append(" | ")
                .append(p.truePositives()).append(" | ").append(p.predicted()).append(" | ").append(p.gold())
                .append(" |\n");
    }

    /** The JSON report. */
    public static String json(IeReport r) {
        ObjectNode o = JSON.createObjectNode().put("model", r.model()).put("task", r.task().id())
                .put("style", r.options().style().name()).put("duplicates", r.options().duplicates().name())
                .put("filter_hallucinations", r.options().filterHallucinations()).put("items", r.items())
                .put("model_errors", r.modelErrors()).put("undecodable", r.undecodable()).put("recovered_by_regex", r.recovered());
        ObjectNode ps = o.putObject("parse_status");
        r.parseStatus().forEach(ps::put);
        o.putObject("filtered").put("span_not_in_sentence", r.filtered().spanNotInSentence())
                .put("type_not_in_schema", r.filtered().typeNotInSchema())
                .put("unknown_role", r.filtered().unknownRole()).put("excess_repeats", r.filtered().excessRepeats());
        ObjectNode scores = o.putObject("scores");
        for (IeScore s : r.scores()) {
            ObjectNode m = scores.putObject(s.metric().name());
            put(m.putObject("overall"), s.overall());
            ObjectNode per = m.putObject("per_type");
            s.perType().forEach((t, p) -> put(per.putObject(t), p));
        }
        ObjectNode langs = o.putObject("per_language");
        for (Map.Entry<String, Map<IeMetric, Prf>> e : r.perLanguage().entrySet()) {
            ObjectNode l = langs.putObject(e.getKey());
            e.getValue().forEach((metric, p) -> put(l.putObject(metric.name()), p));
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the report", e);
        }
    }

    private static void put(ObjectNode n, Prf p) {
        n.put("precision", p.precision()).put("recall", p.recall()).put("f1", p.f1()).put("tp", p.truePositives())
                .put("predicted", p.predicted()).put("gold", p.gold());
    }
}
