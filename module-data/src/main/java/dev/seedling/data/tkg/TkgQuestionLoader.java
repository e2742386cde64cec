package dev.seedling.data.tkg;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads question files: a JSON array of question objects, or JSON Lines (one object per line). MultiTQ files are
 * read as published ({@code train|dev|test.json}); CronQuestions files are the pickles converted to JSON offline
 * with the same field names ({@code question}, {@code answers}, {@code answer_type}, {@code type},
 * {@code annotation}, {@code entities}, {@code times}, {@code relations}, {@code uniq_id}). Errors name the file and
 * the line where the offending question object starts. Stateless and thread-safe.
 */
public final class TkgQuestionLoader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CRON_SIMPLE = Set.of("simple_entity", "simple_time");

    private TkgQuestionLoader() {
    }

    /**
     * Loads MultiTQ questions.
     *
     * @throws TkgFormatException naming file and line for malformed JSON or a question lacking {@code question},
     *                            {@code answers}, {@code answer_type} or {@code qtype}
     */
    public static List<TkgQuestion> loadMultiTq(Path file) {
        return load(file, TkgQuestion.Dataset.MULTITQ);
    }

    /** Loads CronQuestions questions (converted to JSON); errors as for {@link #loadMultiTq}, with {@code type}. */
    public static List<TkgQuestion> loadCron(Path file) {
        return load(file, TkgQuestion.Dataset.CRON);
    }

    private static List<TkgQuestion> load(Path file, TkgQuestion.Dataset dataset) {
        List<TkgQuestion> out = new ArrayList<>();
        try (JsonParser p = JSON.createParser(file.toFile())) {
            JsonToken t = p.nextToken();
            boolean array = t == JsonToken.START_ARRAY;
            if (array) {
                t = p.nextToken();
            }
            while (t != null && t != JsonToken.END_ARRAY) {
                long line = p.currentTokenLocation().getLineNr();
                if (t != JsonToken.START_OBJECT) {
                    throw new TkgFormatException(file, line, "expected a question object but found " + t);
                }
                JsonNode node = p.readValueAsTree();
                out.add(read(node, dataset, out.size(), file, line));
                t = p.nextToken();
            }
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new TkgFormatException(file, line, "malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static TkgQuestion read(JsonNode n, TkgQuestion.Dataset dataset, int position, Path file, long line) {
        boolean cron = dataset == TkgQuestion.Dataset.CRON;
        String idField = cron ? "uniq_id" : "quid";
        String id = n.hasNonNull(idField) ? n.get(idField).asText() : String.valueOf(position);
        String question = required(n, "question", file, line).asText();
        JsonNode answers = required(n, "answers", file, line);
        if (!answers.isArray()) {
            throw new TkgFormatException(file, line, "question " + id + ": 'answers' must be a list");
        }
        String answerType = required(n, "answer_type", file, line).asText();
        String qtype = required(n, cron ? "type" : "qtype", file, line).asText();
        String qlabel = cron ? (CRON_SIMPLE.contains(qtype) ? "simple" : "complex")
                : required(n, "qlabel", file, line).asText();
        String timeLevel = n.hasNonNull("time_level") ? n.get("time_level").asText() : null;
        List<String> times = texts(n.get("times"));
        if (times.isEmpty()) {
            times = texts(n.get(n.has("time") ? "time" : "text_time"));
        }
        Map<String, String> annotation = new LinkedHashMap<>();
        if (n.has("annotation") && n.get("annotation").isObject()) {
            n.get("annotation").properties().forEach(e -> annotation.put(e.getKey(), e.getValue().asText()));
        }
        return new TkgQuestion(id, dataset, question, texts(answers), answerType, qtype, qlabel, timeLevel,
                texts(n.get("entities")), times, texts(n.get("relations")), annotation);
    }

    private static JsonNode required(JsonNode n, String field, Path file, long line) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new TkgFormatException(file, line, "question lacks the field '" + field + "'");
        }
        return v;
    }

    /** A JSON list of strings or numbers, a single scalar, or absent, as a list of texts. */
    private static List<String> texts(JsonNode v) {
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isArray()) {
            v.forEach(e -> out.add(e.asText()));
        } else if (!v.asText().isEmpty()) {
            out.add(v.asText());
        }
        return out;
    }
}
