package dev.seedling.eval.ie.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The append-only results file of a run, {@code predictions.jsonl}: one line per attempt,
 * {@code {id, prompt_sha256, output, error, model}} with {@code output} null when the model failed. The prompt hash
 * ties an answer to its question: when the data, the schema or the style change, the old answer no longer counts. Opening it drops a
 * partial last line left by a crash, so appends start on a fresh line; an id's last line wins. Appends and lookups
 * are synchronized, so one run may append from several threads; two runs must not share a file.
 */
public final class PredictionLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One attempt.
     *
     * @param id         the item id
     * @param promptHash the SHA-256 of the prompt, hex
     * @param output the raw model output, or null when the model failed
     * @param error  the failure message, or null on success
     * @param model  the model's name
     */
    public record Entry(String id, String promptHash, String output, String error, String model) {
        /** Whether the model answered (such an item is not asked again). */
        public boolean answered() {
            return output != null;
        }
    }

    private final Path file;
    private final Map<String, Entry> latest = new LinkedHashMap<>();

    /**
     * Opens (creating if absent) the log and reads what earlier runs wrote.
     *
     * @throws UncheckedIOException when the file cannot be read or repaired
     * @throws IllegalStateException naming file and line when a complete line is not a log entry
     */
    public PredictionLog(Path file) {
        this.file = file;
        try {
            if (Files.exists(file)) {
                dropPartialLastLine();
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    if (!lines.get(i).isBlank()) {
                        Entry e = parse(lines.get(i), file + ":" + (i + 1));
                        latest.put(e.id(), e);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void dropPartialLastLine() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        if (end < bytes.length) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(end);
            }
        }
    }

    private static Entry parse(String line, String where) {
        try {
            JsonNode n = JSON.readTree(line);
            if (n == null || !n.path("id").isTextual()) {
                throw new IllegalStateException(where + ": a prediction line needs a string 'id'");
            }
            return new Entry(n.get("id").asText(), text(n, "prompt_sha256"), text(n, "output"), text(n, "error"),
                    text(n, "model"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(where + ": malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Whether the model already answered this id for this very prompt. */
    public synchronized boolean answered(String id, String promptHash) {
        Entry e = latest.get(id);
        return e != null && e.answered() && promptHash.equals(e.promptHash());
    }

    /** The hex SHA-256 of a prompt, as stored in {@link Entry#promptHash()}. */
    public static String hash(String prompt) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(prompt.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** The last attempt for an id, or null. */
    public synchronized Entry latest(String id) {
        return latest.get(id);
    }

    /**
     * Appends an attempt and flushes it to disk before returning, so a crash loses at most the line being written.
     *
     * @throws UncheckedIOException when the append fails
     */
    public synchronized void append(Entry e) {
        ObjectNode o = JSON.createObjectNode().put("id", e.id()).put("prompt_sha256", e.promptHash())
                .put("output", e.output()).put("error", e.error()).put("model", e.model());
        try {
            byte[] line = (JSON.writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8);
            Files.write(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE,
                    StandardOpenOption.DSYNC);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot append to " + file, ex);
        }
        latest.put(e.id(), e);
    }
}
