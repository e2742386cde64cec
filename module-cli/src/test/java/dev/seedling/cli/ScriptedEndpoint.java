package dev.seedling.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An OpenAI-compatible chat endpoint on 127.0.0.1 whose reply is a function of the request's text, and which can be
 * told to fail: after {@link #failAfter(int)} answered requests every further one gets HTTP 500, as an endpoint that
 * goes down midway. Records the text of every request it answered.
 */
final class ScriptedEndpoint implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final Function<String, String> replies;
    private final List<String> answered = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile int failAfter = Integer.MAX_VALUE;

    ScriptedEndpoint(Function<String, String> replies) throws IOException {
        this.replies = replies;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(pool);
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    /** The base URL with the model name, as --model takes it. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1#scripted";
    }

    /** From now on, answer {@code n} more requests in all, then fail every request with HTTP 500. */
    void failAfter(int n) {
        failAfter = answered.size() + n;
    }

    /** Answer every request again. */
    void heal() {
        failAfter = Integer.MAX_VALUE;
    }

    /** The texts of the requests answered so far, in order. */
    List<String> answered() {
        return List.copyOf(answered);
    }

    /** The Authorization header of every request received ("" when absent). */
    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    int failedRequests() {
        return failed.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            authorizations.add(java.util.Objects.requireNonNullElse(ex.getRequestHeaders().getFirst("Authorization"),
                    ""));
            JsonNode req = JSON.readTree(ex.getRequestBody().readAllBytes());
            StringBuilder text = new StringBuilder();
            for (JsonNode m : req.path("messages")) {
                JsonNode c = m.path("content");
                if (c.isTextual()) {
                    text.append(c.asText()).append('\n');
                } else {
                    c.forEach(p -> text.append(p.path("text").asText("")));
                    text.append('\n');
                }
            }
            byte[] body;
            int status;
            synchronized (this) {
                if (answered.size() >= failAfter) {
                    failed.incrementAndGet();
                    status = 500;
                    body = "{\"error\":{\"message\":\"scripted outage\"}}".getBytes(StandardCharsets.UTF_8);
                } else {
                    answered.add(text.toString());
                    status = 200;
                    ObjectNode out = JSON.createObjectNode().put("model", "scripted");
                    out.putArray("choices").addObject().putObject("message").put("role", "assistant")
                            .put("content", replies.apply(text.toString()));
                    body = JSON.writeValueAsBytes(out);
                }
            }
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
