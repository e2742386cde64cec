package dev.seedling.eval.vqa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seedling.data.vqa.VqaDataset;
import dev.seedling.eval.chat.ChatRequest;
import dev.seedling.eval.chat.LoopbackChatServer;
import dev.seedling.eval.chat.OpenAiChatConfig;
import dev.seedling.eval.chat.OpenAiChatModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline against OpenAI-compatible endpoints on loopback, through the real HTTP client. */
class SimpleVqaOverHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-loopback-7d2e-SECRET";

    @TempDir
    Path dir;

    private static OpenAiChatModel client(LoopbackChatServer server, String model) {
        OpenAiChatConfig config = OpenAiChatConfig.of(server.baseUri(), model).withApiKeyEnv("VQA_TEST_KEY")
                .withRetries(3, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(1));
        return new OpenAiChatModel(config, name -> KEY, RandomGenerator.of("L64X128MixRandom"));
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void fixtureRunsEndToEndOverHttpWithRetriesAndGivesTheSameMetrics() throws Exception {
        VqaDataset data = SixItemFixture.write(dir);
        String pixel = "data:image/png;base64," + Base64.getEncoder().encodeToString(SixItemFixture.png());
        AtomicInteger imagesSeen = new AtomicInteger();
        AtomicInteger failuresLeft = new AtomicInteger(2);
        try (var vlm = new LoopbackChatServer((n, body) -> {
                    JsonNode parts = read(body).path("messages").path(0).path("content");
                    if (parts.path(0).path("image_url").path("url").asText().equals(pixel)) {
                        imagesSeen.incrementAndGet();
                    }
                    String text = parts.path(1).path("text").asText();
                    String question = text.substring(text.indexOf('[') + 1, text.lastIndexOf(']'));
                    if (question.startsWith("What is the highest") && failuresLeft.getAndDecrement() > 0) {
                        return LoopbackChatServer.Reply.status(500, "{\"error\":\"overloaded\"}");
                    }
                    return LoopbackChatServer.Reply.ok(SixItemFixture.replyTo(question));
                });
                var judgeServer = new LoopbackChatServer((n, body) -> LoopbackChatServer.Reply.ok(
                        SixItemFixture.judgeReply(ChatRequest.of(
                                read(body).path("messages").path(0).path("content").asText()))))) {

            VqaRunOutcome out = SimpleVqaEvaluation.run(data, client(vlm, "vlm-under-test"),
                    client(judgeServer, "judge-model"), dir.resolve("out"), VqaRunOptions.defaults());

            assertThat(out.complete()).isTrue();
            assertThat(out.report().factuality().overall().f()).isCloseTo(6.0 / 11, within(1e-12));
            assertThat(imagesSeen.get()).isEqualTo(8); // 6 answers, 2 of them retried after HTTP 500
            assertThat(out.report().manifest().model()).startsWith("vlm-under-test@http://127.0.0.1:");
            for (String file : new String[] {"results.jsonl", "run.json", "report.md", "report.json"}) {
                assertThat(Files.readString(dir.resolve("out").resolve(file))).doesNotContain(KEY);
            }
        }
    }
}
