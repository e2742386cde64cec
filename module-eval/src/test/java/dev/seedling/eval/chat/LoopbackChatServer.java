package dev.seedling.eval.chat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/**
 * A chat-completions endpoint on 127.0.0.1 whose replies are scripted by call index (0-based) and request body;
 * records what it received. Public so that pipeline tests in other packages can run against real HTTP.
 */
public final class LoopbackChatServer implements AutoCloseable {
    /** A scripted HTTP reply. {@code delayMillis} is slept before answering. */
    public record Reply(int status, Map<String, String> headers, String body, long delayMillis) {
        /** A 200 reply whose message content is {@code text} (JSON-escaped here). */
        public static Reply ok(String text) {
            String content = new com.fasterxml.jackson.databind.node.TextNode(text).toString();
            return new Reply(200, Map.of(), "{\"model\":\"served-model\",\"choices\":[{\"message\":{\"role\":"
                    + "\"assistant\",\"content\":" + content + "}}],\"usage\":{\"prompt_tokens\":11,"
                    + "\"completion_tokens\":3}}", 0);
        }

        public static Reply status(int status, String body) {
            return new Reply(status, Map.of(), body, 0);
        }
    }

    /** One received request. */
    public record Received(String path, String authorization, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    LoopbackChatServer(IntFunction<Reply> script) throws IOException {
        this((n, body) -> script.apply(n));
    }

    /** A server whose reply to call {@code n} with request body {@code body} is {@code script.apply(n, body)}. */
    public LoopbackChatServer(BiFunction<Integer, String, Reply> script) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger counter = new AtomicInteger();
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            handle(exchange, body, script.apply(counter.getAndIncrement(), body));
        });
        server.setExecutor(executor);
        server.start();
    }

    private void handle(HttpExchange exchange, String body, Reply reply) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            received.add(new Received(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            if (reply.delayMillis() > 0) {
                Thread.sleep(reply.delayMillis());
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // the client timed out and closed the connection
        } finally {
            inFlight.decrementAndGet();
            exchange.close();
        }
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
