package dev.seedling.eval.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class OpenAiChatModelTest {
    private static final String SECRET = "sk-test-4f1c9e-DO-NOT-LEAK";

    private static OpenAiChatModel client(LoopbackChatServer server, int attempts, Duration requestTimeout) {
        OpenAiChatConfig config = OpenAiChatConfig.of(server.baseUri(), "vqa-test-model")
                .withApiKeyEnv("SEEDLING_TEST_KEY")
                .withTimeouts(Duration.ofSeconds(2), requestTimeout)
                .withRetries(attempts, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(5));
        return new OpenAiChatModel(config, name -> name.equals("SEEDLING_TEST_KEY") ? SECRET : null,
                RandomGenerator.of("L64X128MixRandom"));
    }

    @Test
    void retriesAfter429AndReturnsTheSuccessfulReply() throws Exception {
        try (var server = new LoopbackChatServer(n -> n == 0
                ? new LoopbackChatServer.Reply(429, Map.of("Retry-After", "0"), "{\"error\":\"slow down\"}", 0)
                : LoopbackChatServer.Reply.ok("Paris"))) {
            ChatResponse reply = client(server, 3, Duration.ofSeconds(5)).complete(ChatRequest.of("Capital?"));

            assertThat(reply.text()).isEqualTo("Paris");
            assertThat(reply.model()).isEqualTo("served-model");
            assertThat(reply.promptTokens()).isEqualTo(11);
            assertThat(reply.completionTokens()).isEqualTo(3);
            assertThat(server.received()).hasSize(2);
            assertThat(server.received().get(0).path()).isEqualTo("/v1/chat/completions");
        }
    }

    @Test
    void waitsAtLeastAsLongAsRetryAfterAsks() throws Exception {
        try (var server = new LoopbackChatServer(n -> n == 0
                ? new LoopbackChatServer.Reply(429, Map.of("Retry-After", "1"), "{}", 0)
                : LoopbackChatServer.Reply.ok("ok"))) {
            long start = System.nanoTime();
            client(server, 2, Duration.ofSeconds(5)).complete(ChatRequest.of("q"));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(elapsedMillis).isGreaterThanOrEqualTo(1000); // backoff alone would be ≤ 20 ms
        }
    }

    @Test
    void serverErrorsExhaustTheAttemptsAndReportStatusAndCount() throws Exception {
        try (var server = new LoopbackChatServer(n -> LoopbackChatServer.Reply.status(500, "{\"error\":\"boom\"}"))) {
            OpenAiChatModel model = client(server, 3, Duration.ofSeconds(5));

            assertThatThrownBy(() -> model.complete(ChatRequest.of("q")))
                    .isInstanceOf(ChatModelException.class)
                    .hasMessageContaining("HTTP 500")
                    .hasMessageContaining("after 3 attempts")
                    .hasMessageContaining("vqa-test-model")
                    .satisfies(e -> assertThat(((ChatModelException) e).retryable()).isTrue());
            assertThat(server.received()).hasSize(3);
        }
    }

    @Test
    void clientErrorsOtherThan408And429AreNotRetried() throws Exception {
        try (var server = new LoopbackChatServer(n -> LoopbackChatServer.Reply.status(400, "{\"error\":\"bad\"}"))) {
            OpenAiChatModel model = client(server, 4, Duration.ofSeconds(5));

            assertThatThrownBy(() -> model.complete(ChatRequest.of("q")))
                    .isInstanceOf(ChatModelException.class)
                    .hasMessageContaining("HTTP 400")
                    .satisfies(e -> assertThat(((ChatModelException) e).retryable()).isFalse());
            assertThat(server.received()).hasSize(1);
        }
    }

    @Test
    void slowServerTimesOutOnEveryAttempt() throws Exception {
        try (var server = new LoopbackChatServer(n -> new LoopbackChatServer.Reply(200, Map.of(), "{}", 1500))) {
            OpenAiChatModel model = client(server, 2, Duration.ofMillis(200));

            assertThatThrownBy(() -> model.complete(ChatRequest.of("q")))
                    .isInstanceOf(ChatModelException.class)
                    .hasMessageContaining("timed out after 200 ms")
                    .hasMessageContaining("after 2 attempts");
        }
    }

    @Test
    void requestCarriesTheModelNameAndTheImageAsBase64DataUrl() throws Exception {
        byte[] png = tinyPng();
        try (var server = new LoopbackChatServer(n -> LoopbackChatServer.Reply.ok("a cat"))) {
            ChatMessage user = new ChatMessage(ChatMessage.Role.USER,
                    List.of(new ContentPart.Image(png, "image/png"), new ContentPart.Text("What is this?")));
            client(server, 1, Duration.ofSeconds(5)).complete(
                    new ChatRequest(List.of(ChatMessage.system("Be brief."), user), 0.0, 64, 7L));

            JsonNode body = new ObjectMapper().readTree(server.received().get(0).body());
            assertThat(body.path("model").asText()).isEqualTo("vqa-test-model");
            assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
            assertThat(body.path("seed").asLong()).isEqualTo(7L);
            assertThat(body.path("messages").path(0).path("content").asText()).isEqualTo("Be brief.");
            JsonNode parts = body.path("messages").path(1).path("content");
            assertThat(parts.path(0).path("type").asText()).isEqualTo("image_url");
            assertThat(parts.path(0).path("image_url").path("url").asText())
                    .isEqualTo("data:image/png;base64," + Base64.getEncoder().encodeToString(png));
            assertThat(parts.path(1).path("text").asText()).isEqualTo("What is this?");
        }
    }

    @Test
    void apiKeyIsSentAsBearerButNeverAppearsInLogsMessagesOrToString() throws Exception {
        // The server echoes the Authorization header in its error body, the worst case for a leak.
        try (var server = new LoopbackChatServer(n -> LoopbackChatServer.Reply.status(503,
                "{\"error\":\"bad key Bearer " + SECRET + "\"}"))) {
            OpenAiChatModel model = client(server, 2, Duration.ofSeconds(5));
            PrintStream originalErr = System.err;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            String message;
            try {
                System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
                Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                        () -> model.complete(ChatRequest.of("q")));
                message = thrown.getMessage();
            } finally {
                System.setErr(originalErr);
            }
            String logs = captured.toString(StandardCharsets.UTF_8);

            assertThat(server.received()).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + SECRET));
            assertThat(logs).contains("attempt 1 of 2 failed").doesNotContain(SECRET);
            assertThat(message).contains("HTTP 503").contains("[redacted]").doesNotContain(SECRET);
            assertThat(model.toString()).contains("SEEDLING_TEST_KEY").doesNotContain(SECRET);
            assertThat(model.name()).doesNotContain(SECRET);
            assertThat(model.config().toString()).doesNotContain(SECRET);
        }
    }

    @Test
    void noAuthorizationHeaderWhenTheVariableIsUnset() throws Exception {
        try (var server = new LoopbackChatServer(n -> LoopbackChatServer.Reply.ok("ok"))) {
            OpenAiChatConfig config = OpenAiChatConfig.of(server.baseUri(), "m").withApiKeyEnv("SEEDLING_UNSET_VAR");
            new OpenAiChatModel(config, name -> null, RandomGenerator.getDefault()).complete(ChatRequest.of("q"));

            assertThat(server.received().get(0).authorization()).isNull();
        }
    }

    @Test
    void neverHasMoreRequestsInFlightThanTheConcurrencyLimit() throws Exception {
        try (var server = new LoopbackChatServer(n -> new LoopbackChatServer.Reply(200, Map.of(),
                LoopbackChatServer.Reply.ok("x").body(), 150))) {
            OpenAiChatConfig config = OpenAiChatConfig.of(server.baseUri(), "m").withMaxConcurrency(2);
            OpenAiChatModel model = new OpenAiChatModel(config, name -> null, RandomGenerator.getDefault());
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<ChatResponse>> futures = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    futures.add(pool.submit(() -> model.complete(ChatRequest.of("q"))));
                }
                for (Future<ChatResponse> f : futures) {
                    assertThat(f.get().text()).isEqualTo("x");
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(server.maxInFlight()).isEqualTo(2);
        }
    }

    @Test
    void malformedSuccessBodyFailsWithoutRetry() throws Exception {
        try (var server = new LoopbackChatServer(n -> LoopbackChatServer.Reply.status(200, "{\"nothing\":1}"))) {
            assertThatThrownBy(() -> client(server, 3, Duration.ofSeconds(5)).complete(ChatRequest.of("q")))
                    .isInstanceOf(ChatModelException.class)
                    .hasMessageContaining("malformed response");
            assertThat(server.received()).hasSize(1);
        }
    }

    static byte[] tinyPng() throws Exception {
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(1, 1, 0xFF8800);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    @Test
    void unauthorisedNamesTheKeyVariableWithoutTheKey() throws Exception {
        try (var server = new LoopbackChatServer(n -> LoopbackChatServer.Reply.status(401, "{\"error\":\"no\"}"))) {
            assertThatThrownBy(() -> client(server, 3, Duration.ofSeconds(5)).complete(ChatRequest.of("q")))
                    .isInstanceOf(ChatModelException.class)
                    .hasMessageContaining("HTTP 401")
                    .hasMessageContaining("check the key in $SEEDLING_TEST_KEY")
                    .hasMessageNotContaining(SECRET);
            assertThat(server.received()).hasSize(1);
        }
    }
}
