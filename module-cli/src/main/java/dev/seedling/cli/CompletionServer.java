package dev.seedling.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.seedling.eval.local.ChatTemplate;
import dev.seedling.models.generate.SamplingOptions;
import lombok.extern.slf4j.Slf4j;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An OpenAI-compatible HTTP server for one Seedling model: {@code GET /v1/models}, {@code POST /v1/completions} and
 * {@code POST /v1/chat/completions}, both with {@code "stream": true} as server-sent events. Bad requests get a 4xx
 * JSON error ({@code {"error": {"message", "type"}}}); nothing a client sends crashes the server. Chat messages are
 * rendered with the {@link ChatTemplate} ({@code "<role>: <content>\n"} lines followed by {@code "assistant:"}), and
 * generation stops at the next line that starts a turn. Requests are served by a small pool; each has its own KV cache.
 *
 * <p><b>Prompts longer than the context.</b> By default such a request gets a 400 error. With {@code fitContext}
 * the prompt keeps only its last tokens, so that {@code min(max_tokens, context / 4)} (at least one) tokens fit after
 * it; the cut is reported as {@code usage.truncated_prompt_tokens}. Evaluation prompts (a judge rubric, a schema)
 * are far longer than a small model's context, and their end (the question and the {@code assistant:} cue) is what
 * such a model can use; a capable served model is never cut, because its context holds the whole prompt.
 */
@Slf4j
final class CompletionServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 1 << 20;
    private final HttpServer server;
    private final ExecutorService pool;
    private final LoadedModel model;
    private final String modelId;
    private final boolean fitContext;

    CompletionServer(LoadedModel model, String host, int port, int threads) throws IOException {
        this(model, host, port, threads, false);
    }

    /** A server on {@code host:port} (port 0: any free port); {@code fitContext}: see the class comment. */
    CompletionServer(LoadedModel model, String host, int port, int threads, boolean fitContext) throws IOException {
        this.model = model;
        this.fitContext = fitContext;
        this.modelId = model.dir().toAbsolutePath().normalize().getFileName().toString();
        this.server = HttpServer.create(new InetSocketAddress(host, port), 0);
        this.pool = Executors.newFixedThreadPool(threads);
        server.setExecutor(pool);
        server.createContext("/v1/models", ex -> handle(ex, "GET", this::models));
        server.createContext("/v1/completions", ex -> handle(ex, "POST", this::completions));
        server.createContext("/v1/chat/completions", ex -> handle(ex, "POST", this::chat));
        server.createContext("/", ex -> handle(ex, "GET", e -> {
            throw new HttpError(404, "not_found", "no route " + e.getRequestURI().getPath()
                    + "; try /v1/models, /v1/completions or /v1/chat/completions");
        }));
    }

    void start() {
        server.start();
    }

    /** The port actually bound (useful with port 0). */
    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    private interface Route {
        void serve(HttpExchange ex) throws IOException;
    }

    /** A client error to report as JSON. */
    private static final class HttpError extends RuntimeException {
        final int status;
        final String type;

        HttpError(int status, String type, String message) {
            super(message);
            this.status = status;
            this.type = type;
        }
    }

    private void handle(HttpExchange ex, String method, Route route) {
        try (ex) {
            try {
                if (!ex.getRequestMethod().equals(method)) {
                    throw new HttpError(405, "method_not_allowed", ex.getRequestURI().getPath() + " accepts " + method);
                }
                route.serve(ex);
            } catch (HttpError e) {
                sendError(ex, e.status, e.type, e.getMessage());
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                sendError(ex, 400, "invalid_request_error", e.getMessage());
            } catch (RuntimeException e) {
                log.warn("request {} failed", ex.getRequestURI(), e);
                sendError(ex, 500, "server_error", e.toString());
            }
        } catch (IOException e) {
            log.debug("client went away: {}", e.toString());
        }
    }

    private static void sendError(HttpExchange ex, int status, String type, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("message", message).put("type", type);
        send(ex, status, body);
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static JsonNode body(HttpExchange ex) throws IOException {
        byte[] bytes = ex.getRequestBody().readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new HttpError(413, "invalid_request_error", "request body exceeds " + MAX_BODY + " bytes");
        }
        try {
            JsonNode n = JSON.readTree(bytes);
            if (n == null || !n.isObject()) {
                throw new HttpError(400, "invalid_request_error", "the request body must be a JSON object");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new HttpError(400, "invalid_request_error", "malformed JSON: " + e.getOriginalMessage());
        }
    }

    private void models(HttpExchange ex) throws IOException {
        ObjectNode out = JSON.createObjectNode().put("object", "list");
        out.putArray("data").addObject().put("id", modelId).put("object", "model").put("owned_by", "seedling");
        send(ex, 200, out);
    }

    private SamplingOptions options(JsonNode req) {
        int maxTokens = req.path("max_tokens").asInt(128);
        double temperature = req.path("temperature").asDouble(1.0);
        double topP = req.path("top_p").asDouble(1.0);
        if (maxTokens < 0 || temperature < 0 || topP <= 0 || topP > 1) {
            throw new HttpError(400, "invalid_request_error", "max_tokens must be >= 0, temperature >= 0 and top_p in "
                    + "(0, 1]");
        }
        return new SamplingOptions(maxTokens, (float) temperature, req.path("top_k").asInt(0), (float) topP,
                req.path("seed").asLong(0), Set.of(model.tokenizer().eosId()));
    }

    private static List<String> stops(JsonNode req) {
        List<String> stops = new ArrayList<>();
        JsonNode s = req.get("stop");
        if (s != null && s.isTextual()) {
            stops.add(s.asText());
        } else if (s != null && s.isArray()) {
            s.forEach(n -> stops.add(n.asText()));
        }
        return stops;
    }

    private void completions(HttpExchange ex) throws IOException {
        JsonNode req = body(ex);
        JsonNode prompt = req.get("prompt");
        if (prompt == null || !prompt.isTextual()) {
            throw new HttpError(400, "invalid_request_error", "'prompt' must be a string");
        }
        respond(ex, req, prompt.asText(), stops(req), false);
    }

    private void chat(HttpExchange ex) throws IOException {
        JsonNode req = body(ex);
        JsonNode messages = req.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new HttpError(400, "invalid_request_error", "'messages' must be a non-empty array");
        }
        StringBuilder prompt = new StringBuilder();
        for (JsonNode m : messages) {
            String role = m.path("role").asText("");
            if (!Set.of("system", "user", "assistant").contains(role)) {
                throw new HttpError(400, "invalid_request_error", "message role must be system, user or assistant, "
                        + "got '" + role + "'");
            }
            prompt.append(ChatTemplate.turn(role, text(m.get("content"))));
        }
        prompt.append(ChatTemplate.REPLY_CUE);
        List<String> stops = stops(req);
        stops.addAll(ChatTemplate.STOPS);
        respond(ex, req, prompt.toString(), stops, true);
    }

    /**
     * Message content as a string or as an array of parts (text parts joined). Images are refused: a Seedling model
     * reads text only, and a reply that pretends to have seen an image would make a benchmark lie; a client replaces
     * them with a marker on purpose ({@code seedling vqa-eval --text-only}).
     */
    private static String text(JsonNode content) {
        if (content != null && content.isTextual()) {
            return content.asText();
        }
        if (content != null && content.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : content) {
                if (!"text".equals(part.path("type").asText())) {
                    throw new HttpError(400, "invalid_request_error", "this model accepts only text parts, got '"
                            + part.path("type").asText() + "' (a Seedling model reads text only; seedling vqa-eval"
                            + " --text-only replaces images with a marker)");
                }
                sb.append(part.path("text").asText());
            }
            return sb.toString();
        }
        throw new HttpError(400, "invalid_request_error", "message content must be a string or an array of parts");
    }

    private void respond(HttpExchange ex, JsonNode req, String prompt, List<String> stops, boolean chat)
            throws IOException {
        SamplingOptions options = options(req);
        int[] ids = model.tokenizer().encode(prompt);
        int context = model.model().config().maxSeqLen();
        int truncated = 0;
        if (ids.length >= context) {
            if (!fitContext) {
                throw new HttpError(400, "invalid_request_error", "the prompt (" + ids.length + " tokens) is longer"
                        + " than the model's context of " + context + " tokens");
            }
            int keep = context - Math.max(1, Math.min(options.maxNewTokens(), context / 4));
            truncated = ids.length - keep;
            ids = java.util.Arrays.copyOfRange(ids, truncated, ids.length);
        }
        if (ids.length == 0) {
            throw new HttpError(400, "invalid_request_error", "the prompt is empty");
        }
        String id = (chat ? "chatcmpl-" : "cmpl-") + Long.toHexString(System.nanoTime());
        long created = System.currentTimeMillis() / 1000;
        if (req.path("stream").asBoolean(false)) {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream os = ex.getResponseBody();
            GenerateCommand.generate(model, ids, options, stops, piece -> {
                if (!piece.isEmpty()) {
                    event(os, chunk(id, created, chat, piece, null));
                }
            });
            event(os, chunk(id, created, chat, "", "stop"));
            os.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String text = GenerateCommand.generate(model, ids, options, stops, piece -> { });
        ObjectNode out = JSON.createObjectNode().put("id", id).put("object", chat ? "chat.completion"
                : "text_completion").put("created", created).put("model", modelId);
        ObjectNode choice = out.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        if (chat) {
            choice.putObject("message").put("role", "assistant").put("content", text.strip());
        } else {
            choice.put("text", text);
        }
        int promptTokens = ids.length;
        int completionTokens = model.tokenizer().encode(text).length;
        ObjectNode usage = out.putObject("usage").put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens).put("total_tokens", promptTokens + completionTokens);
        if (truncated > 0) {
            usage.put("truncated_prompt_tokens", truncated);
        }
        send(ex, 200, out);
    }

    private ObjectNode chunk(String id, long created, boolean chat, String piece, String finish) {
        ObjectNode c = JSON.createObjectNode().put("id", id)
                .put("object", chat ? "chat.completion.chunk" : "text_completion").put("created", created)
                .put("model", modelId);
        ObjectNode choice = c.putArray("choices").addObject().put("index", 0);
        if (chat) {
            choice.putObject("delta").put("content", piece);
        } else {
            choice.put("text", piece);
        }
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return c;
    }

    private static void event(OutputStream os, JsonNode data) {
        try {
            os.write(("data: " + JSON.writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
            os.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("client closed the stream", e);
        }
    }
}
