package dev.seedling.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seedling.models.transformer.TransformerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The server answers a real HTTP client on loopback, including streaming and malformed requests. */
class CompletionServerTest {
    private static Path dir;
    private static CompletionServer server;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("seedling-serve");
        Path text = dir.resolve("t.txt");
        Files.writeString(text, "hello world. hello there. ".repeat(100));
        TrainCommand.train(TransformerConfig.small().toBuilder().vocabSize(300).dModel(16).layers(1).heads(2)
                .kvHeads(2).ffnHidden(32).maxSeqLen(48).build(), text.toString(), dir.resolve("run"), null, 2, 2,
                1e-3, false, 0);
        server = new CompletionServer(LoadedModel.load(dir.resolve("run/model")), "127.0.0.1", 0, 2);
        server.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listsTheModel() throws Exception {
        var r = get("/v1/models");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("data").get(0).get("id").asText()).isEqualTo("model");
    }

    @Test
    void completesAPromptWithUsage() throws Exception {
        var r = post("/v1/completions", "{\"prompt\": \"hello\", \"max_tokens\": 5, \"temperature\": 0}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("object").asText()).isEqualTo("text_completion");
        assertThat(body.get("choices").get(0).get("text").isTextual()).isTrue();
        assertThat(body.get("usage").get("prompt_tokens").asInt()).isPositive();
    }

    @Test
    void streamsChatCompletionsAsServerSentEvents() throws Exception {
        var r = post("/v1/chat/completions", "{\"messages\": [{\"role\": \"user\", \"content\": \"hello\"}], "
                + "\"max_tokens\": 4, \"temperature\": 0, \"stream\": true}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        var events = r.body().lines().filter(l -> l.startsWith("data: ")).toList();
        assertThat(events).last().isEqualTo("data: [DONE]");
        JsonNode lastChunk = JSON.readTree(events.get(events.size() - 2).substring(6));
        assertThat(lastChunk.get("object").asText()).isEqualTo("chat.completion.chunk");
        assertThat(lastChunk.get("choices").get(0).get("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void malformedAndInvalidRequestsGetJsonErrorsNotCrashes() throws Exception {
        var bad = post("/v1/completions", "{not json");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("error").get("message").asText()).contains("malformed JSON");
        assertThat(post("/v1/completions", "{\"prompt\": 3}").statusCode()).isEqualTo(400);
        assertThat(post("/v1/chat/completions", "{\"messages\": []}").statusCode()).isEqualTo(400);
        assertThat(post("/v1/chat/completions", "{\"messages\": [{\"role\": \"robot\", \"content\": \"x\"}]}")
                .statusCode()).isEqualTo(400);
        assertThat(post("/v1/completions", "{\"prompt\": \"hi\", \"temperature\": -1}").statusCode()).isEqualTo(400);
        assertThat(get("/v1/completions").statusCode()).isEqualTo(405);
        assertThat(get("/nowhere").statusCode()).isEqualTo(404);
        // still serving after all that
        assertThat(get("/v1/models").statusCode()).isEqualTo(200);
    }

    @Test
    void aPromptLongerThanTheContextIsRefusedUnlessFitContextCutsItToItsLastTokens() throws Exception {
        String longPrompt = "hello world. ".repeat(60);
        var refused = post("/v1/completions", "{\"prompt\": \"" + longPrompt + "\", \"max_tokens\": 4}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).get("error").get("message").asText())
                .contains("longer than the model's context of 48 tokens");
        try (CompletionServer fitting = new CompletionServer(LoadedModel.load(dir.resolve("run/model")), "127.0.0.1",
                0, 1, true)) {
            fitting.start();
            var r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fitting.port()
                            + "/v1/completions")).timeout(Duration.ofSeconds(60)).header("Content-Type",
                            "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \""
                            + longPrompt + "\", \"max_tokens\": 4, \"temperature\": 0}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode usage = JSON.readTree(r.body()).get("usage");
            // 4 tokens are left for the reply: the prompt keeps its last 48 - 4 tokens
            assertThat(usage.get("prompt_tokens").asInt()).isEqualTo(44);
            assertThat(usage.get("truncated_prompt_tokens").asInt() + 44)
                    .isEqualTo(LoadedModel.load(dir.resolve("run/model")).tokenizer().encode(longPrompt).length);
        }
    }

    @Test
    void imagePartsAreRefusedWithAHintAtTextOnlyMode() throws Exception {
        var r = post("/v1/chat/completions", "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\":"
                + " \"image_url\", \"image_url\": {\"url\": \"data:image/png;base64,AA==\"}}]}]}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("error").get("message").asText()).contains("only text parts",
                "--text-only");
    }
}
