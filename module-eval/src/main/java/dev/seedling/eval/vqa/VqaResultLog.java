package dev.seedling.eval.vqa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import lombok.extern.slf4j.Slf4j;

/**
 * The append-only results file of a run ({@code results.jsonl}): one JSON line per model answer, per judge grade and
 * per failure, written and flushed as each arrives, so a crash or a failing endpoint loses at most the call in
 * flight. Reopening the file restores what was done; a last line cut off by a crash is removed (and logged), so
 * its step is redone; any other unreadable line is an error, since the file is then damaged.
 *
 * <p>Line shapes: {@code {"type":"answer","item","stage","text","model","prompt","at"}},
 * {@code {"type":"grade","item","stage","grade","parse_failed","judge_output","judge","prompt","at"}},
 * {@code {"type":"error","item","stage","role","message","at"}}. Error lines are informational; resuming retries
 * the step. Thread-safe.
 */
@Slf4j
public final class VqaResultLog implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A recorded judge grade and the raw output it came from. */
    public record StoredGrade(ParsedGrade grade, String judgeOutput) {
    }

    private record Key(String item, RunStage stage) {
    }

    private final Path file;
    private final OutputStream out;
    private final Map<Key, String> answers = new ConcurrentHashMap<>();
    private final Map<Key, StoredGrade> grades = new ConcurrentHashMap<>();

    private VqaResultLog(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
    }

    /**
     * Opens (creating if needed) the results file and reads what it already holds.
     *
     * @throws UncheckedIOException naming the file when it cannot be read or written
     */
    public static VqaResultLog open(Path file) {
        try {
            List<String> lines = List.of();
            boolean needsNewline = false;
            if (Files.exists(file)) {
                byte[] content = Files.readAllBytes(file);
                int end = content.length;
                if (end > 0 && content[end - 1] != '\n') {
                    int start = lastIndexOf(content, (byte) '\n', end - 1) + 1;
                    if (isJson(new String(content, start, end - start, StandardCharsets.UTF_8))) {
                        needsNewline = true; // complete record, only its newline was lost
                    } else {
                        log.warn("{}: dropping a last line cut off mid-write ({} bytes); that step will be redone",
                                file, end - start);
                        truncate(file, start);
                        end = start;
                    }
                }
                lines = new String(content, 0, end, StandardCharsets.UTF_8).lines().toList();
            }
            OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            VqaResultLog log = new VqaResultLog(file, out);
            try {
                for (int i = 0; i < lines.size(); i++) {
                    log.restore(lines.get(i), i + 1);
                }
            } catch (RuntimeException damaged) {
                out.close();
                throw damaged;
            }
            if (needsNewline) {
                out.write('\n');
                out.flush();
            }
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open results file " + file + ": " + e.getMessage(), e);
        }
    }

    private static int lastIndexOf(byte[] content, byte b, int before) {
        for (int i = before - 1; i >= 0; i--) {
            if (content[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isJson(String line) {
        try {
            JSON.readTree(line);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    private void restore(String line, int number) {
        if (line.isBlank()) {
            return;
        }
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ":" + number + ": not a JSON line; the results file is damaged",
                    e);
        }
        Key key = new Key(n.path("item").asText(), RunStage.valueOf(n.path("stage").asText()));
        switch (n.path("type").asText()) {
            case "answer" -> answers.put(key, n.path("text").asText());
            case "grade" -> grades.put(key, new StoredGrade(new ParsedGrade(Grade.valueOf(n.path("grade").asText()),
                    n.path("parse_failed").asBoolean(), ParsedGrade.Method.valueOf(
                            n.path("method").asText(ParsedGrade.Method.FALLBACK.name()))),
                    n.path("judge_output").asText()));
            default -> {
                // error lines: informational only
            }
        }
    }

    /** The recorded answer of {@code item} at {@code stage}. */
    public Optional<String> answer(String item, RunStage stage) {
        return Optional.ofNullable(answers.get(new Key(item, stage)));
    }

    /** The recorded grade of {@code item} at {@code stage}. */
    public Optional<StoredGrade> grade(String item, RunStage stage) {
        return Optional.ofNullable(grades.get(new Key(item, stage)));
    }

    /** Appends and flushes a model answer. */
    public void recordAnswer(String item, RunStage stage, String text, String model, String promptId) {
        ObjectNode n = line("answer", item, stage);
        n.put("text", text).put("model", model).put("prompt", promptId);
        write(n);
        answers.put(new Key(item, stage), text);
    }

    /** Appends and flushes a judge grade. */
    public void recordGrade(String item, RunStage stage, ParsedGrade grade, String judgeOutput, String judge,
            String promptId) {
        ObjectNode n = line("grade", item, stage);
        n.put("grade", grade.grade().name()).put("parse_failed", grade.parseFailed())
                .put("method", grade.method().name()).put("judge_output", judgeOutput).put("judge", judge)
                .put("prompt", promptId);
        write(n);
        grades.put(new Key(item, stage), new StoredGrade(grade, judgeOutput));
    }

    /** Appends and flushes a failure (the model or judge could not answer). */
    public void recordError(String item, RunStage stage, String role, String message) {
        ObjectNode n = line("error", item, stage);
        n.put("role", role).put("message", message);
        write(n);
    }

    private static ObjectNode line(String type, String item, RunStage stage) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", type).put("item", item).put("stage", stage.name());
        return n;
    }

    private synchronized void write(ObjectNode n) {
        n.put("at", Instant.now().toString());
        try {
            out.write((n + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to results file " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close results file " + file, e);
        }
    }
}
