package dev.seedling.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seedling.models.transformer.TransformerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The train, generate and score commands end to end on a tiny model and a tiny text. */
class TrainGenerateScoreTest {
    @TempDir
    Path dir;

    private String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            assertThat(SeedlingCli.run(args)).as(String.join(" ", args)).isZero();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void trainThenGenerateThenScoreATinyModel() throws Exception {
        Path text = dir.resolve("text.txt");
        Files.writeString(text, "the cat sat on the mat. the dog sat on the log. ".repeat(200));
        Path config = dir.resolve("config.json");
        Files.writeString(config, TransformerConfig.small().toBuilder().vocabSize(300).dModel(32).layers(1).heads(2)
                .kvHeads(2).ffnHidden(64).maxSeqLen(16).build().toJson());
        Path out = dir.resolve("run");
        String trained = run("train", "--config", config.toString(), "--data", text.toString(), "--out",
                out.toString(), "--steps", "4", "--batch", "4");
        assertThat(trained).contains("trained 4 steps");
        assertThat(out.resolve("model/model.safetensors")).exists();
        assertThat(out.resolve("model/tokenizer.json")).exists();
        assertThat(out.resolve("loss.csv")).exists();

        String generated = run("generate", "--model", out.resolve("model").toString(), "--prompt", "the cat",
                "--max-tokens", "5", "--temperature", "0");
        assertThat(generated).startsWith("the cat");

        var json = new ObjectMapper().readTree(run("score", "--model", out.resolve("model").toString(), "--text",
                "the dog sat"));
        assertThat(json.get("logprobs").get(0).isNull()).isTrue();
        assertThat(json.get("logprobs").get(1).asDouble()).isNegative();
        assertThat(json.get("total").asDouble()).isNegative();

        // resume continues to a larger step count from the newest checkpoint
        String resumed = run("train", "--config", config.toString(), "--data", text.toString(), "--out",
                out.toString(), "--steps", "6", "--batch", "4", "--resume");
        assertThat(resumed).contains("trained 6 steps");
    }

    @Test
    void scoringATokenOutsideTheVocabularyFailsWithAClearMessage() throws Exception {
        Path text = dir.resolve("t.txt");
        Files.writeString(text, "abc abc abc ".repeat(100));
        Path config = dir.resolve("c.json");
        Files.writeString(config, TransformerConfig.small().toBuilder().vocabSize(260).dModel(16).layers(1).heads(2)
                .kvHeads(2).ffnHidden(32).maxSeqLen(8).build().toJson());
        run("train", "--config", config.toString(), "--data", text.toString(), "--out", dir.resolve("r").toString(),
                "--steps", "1", "--batch", "2");
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = SeedlingCli.run("score", "--model", dir.resolve("r/model").toString(), "--tokens", "1,999");
        } finally {
            System.setErr(oldErr);
        }
        assertThat(code).isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("999").contains("outside the vocabulary");
    }
}
