package dev.seedling.eval.vqa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VqaResultLogTest {
    @Test
    void reopenedLogRestoresAnswersAndGrades(@TempDir Path dir) {
        Path file = dir.resolve("results.jsonl");
        try (VqaResultLog log = VqaResultLog.open(file)) {
            log.recordAnswer("7", RunStage.MAIN, "1961", "m", "answer_en");
            log.recordGrade("7", RunStage.MAIN, new ParsedGrade(Grade.CORRECT, false, ParsedGrade.Method.LETTER), "A",
                    "j", "judge_simpleqa_en_letter");
            log.recordError("8", RunStage.MAIN, "model", "HTTP 503");
        }
        try (VqaResultLog log = VqaResultLog.open(file)) {
            assertThat(log.answer("7", RunStage.MAIN)).contains("1961");
            assertThat(log.grade("7", RunStage.MAIN)).hasValueSatisfying(g -> {
                assertThat(g.grade().grade()).isEqualTo(Grade.CORRECT);
                assertThat(g.judgeOutput()).isEqualTo("A");
            });
            assertThat(log.answer("8", RunStage.MAIN)).isEmpty();
        }
    }

    @Test
    void lineCutOffByACrashIsIgnoredAndTheNextLineStartsFresh(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results.jsonl");
        Files.writeString(file, "{\"type\":\"answer\",\"item\":\"1\",\"stage\":\"MAIN\",\"text\":\"x\"}\n"
                + "{\"type\":\"grade\",\"item\":\"1\",\"stage\":\"MAI");
        try (VqaResultLog log = VqaResultLog.open(file)) {
            assertThat(log.answer("1", RunStage.MAIN)).contains("x");
            assertThat(log.grade("1", RunStage.MAIN)).isEmpty();
            log.recordAnswer("2", RunStage.MAIN, "y", "m", "p");
        }

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("{\"type\":\"answer\",\"item\":\"2\"");
        try (VqaResultLog log = VqaResultLog.open(file)) {
            assertThat(log.answer("2", RunStage.MAIN)).contains("y");
        }
    }

    @Test
    void completeLastLineMissingOnlyItsNewlineIsKept(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results.jsonl");
        Files.writeString(file, "{\"type\":\"answer\",\"item\":\"1\",\"stage\":\"MAIN\",\"text\":\"x\"}");
        try (VqaResultLog log = VqaResultLog.open(file)) {
            log.recordAnswer("2", RunStage.MAIN, "y", "m", "p");
        }

        try (VqaResultLog log = VqaResultLog.open(file)) {
            assertThat(log.answer("1", RunStage.MAIN)).contains("x");
            assertThat(log.answer("2", RunStage.MAIN)).contains("y");
        }
    }

    @Test
    void damagedLineInTheMiddleIsAnErrorNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results.jsonl");
        Files.writeString(file, "{\"type\":\"answer\",\"item\":\"1\",\"stage\":\"MAIN\",\"text\":\"x\"}\n"
                + "garbage\n");

        assertThatThrownBy(() -> VqaResultLog.open(file))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("results.jsonl:2: not a JSON line");
    }
}
