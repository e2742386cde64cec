package dev.seedling.eval.tkgqa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seedling.data.tkg.TkgFormatException;
import dev.seedling.data.tkg.TkgQuestion;
import dev.seedling.eval.tkgqa.metric.Outcome;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline's JSONL results: one row per answered question, appended and flushed as each finishes, so that a
 * killed run loses at most the row being written. Reading tolerates a torn last line (it is cut off) but reports a
 * malformed earlier line with its number. Not thread-safe.
 */
final class ResultsFile implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> REQUIRED = List.of("id", "dataset", "qtype", "qlabel", "answer_type",
            "predictions", "gold");
    private final BufferedWriter out;

    private ResultsFile(BufferedWriter out) {
        this.out = out;
    }

    /** Reads the rows of {@code file} (none when it is absent), cutting a torn last line off the file. */
    static List<Outcome> read(Path file) {
        List<Outcome> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            long goodBytes = 0;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    goodBytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
                    continue;
                }
                try {
                    rows.add(outcome(JSON.readTree(line)));
                    goodBytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    if (i == lines.size() - 1) {
                        try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
                            ch.truncate(goodBytes);
                        }
                        break;
                    }
                    throw new TkgFormatException(file, i + 1, "malformed result row: " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return rows;
    }

    /** Opens {@code file} for appending, creating it and its directory if needed. */
    static ResultsFile append(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            return new ResultsFile(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes and flushes one row; returns the outcome it records. */
    Outcome write(TkgQuestion q, Attempt a, int keep) {
        ObjectNode row = JSON.createObjectNode();
        row.put("id", q.id());
        row.put("dataset", q.dataset().name());
        row.put("question", q.question());
        row.put("qtype", q.qtype());
        row.put("qlabel", q.qlabel());
        row.put("answer_type", q.answerType());
        row.put("time_level", q.timeLevel());
        row.put("has_time", !q.times().isEmpty());
        row.put("category", a.category());
        q.answers().forEach(row.putArray("gold")::add);
        List<String> top = a.texts().subList(0, Math.min(keep, a.answers().size()));
        top.forEach(row.putArray("predictions")::add);
        row.put("draft", a.draft());
        row.put("program", a.program() == null ? null : a.program().toLinear());
        row.put("failed_at", a.failedAt().name());
        row.put("error", a.error());
        try {
            out.write(JSON.writeValueAsString(row));
            out.write('\n');
            out.flush();
            return outcome(row);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write result of question " + q.id() + ": " + e.getMessage(), e);
        }
    }

    private static Outcome outcome(JsonNode n) {
        for (String f : REQUIRED) {
            if (!n.hasNonNull(f)) {
                throw new IllegalArgumentException("row lacks the field '" + f + "'");
            }
        }
        return new Outcome(n.get("id").asText(), n.get("dataset").asText(), n.get("qtype").asText(),
                n.get("qlabel").asText(), n.get("answer_type").asText(),
                n.hasNonNull("time_level") ? n.get("time_level").asText() : null, n.path("has_time").asBoolean(),
                texts(n.get("predictions")), texts(n.get("gold")));
    }

    private static List<String> texts(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return out;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
