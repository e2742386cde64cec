package dev.seedling.cli;

import dev.seedling.eval.chat.ChatModel;
import dev.seedling.eval.chat.ChatModels;
import dev.seedling.eval.chat.ChatRequest;
import dev.seedling.eval.chat.ChatResponse;
import dev.seedling.eval.chat.OpenAiChatConfig;
import dev.seedling.eval.chat.OpenAiChatModel;
import dev.seedling.eval.chat.TextOnlyChatModel;
import dev.seedling.models.checkpoint.ModelDirectory;
import lombok.extern.slf4j.Slf4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The chat model behind a {@code --model} or {@code --judge} value, open for the length of a command.
 *
 * <ul>
 *   <li>{@code http[s]://HOST[:PORT]/PATH[#NAME]}: an OpenAI-compatible server, through {@link OpenAiChatModel}; the
 *   model name comes from {@code #NAME} or from {@link Settings#modelName()}; the API key only from the environment
 *   variable {@link Settings#apiKeyEnv()} (its value is never logged or printed).</li>
 *   <li>a Seedling model directory ({@code config.json}, {@code model.safetensors}, {@code tokenizer.json}): the model
 *   is loaded and served by an in-process {@link CompletionServer} on 127.0.0.1 at an ephemeral port, and reached
 *   through the same HTTP client, so both forms run one code path. The server cuts prompts longer than the model's
 *   context ({@code fitContext}), the model is treated as text-only ({@link TextOnlyChatModel}), and its name is
 *   {@code seedling:<absolute dir> (text-only)}, stable across runs so that a resumed run recognises it. {@link #close}
 *   stops the server.</li>
 * </ul>
 * Anything else is refused with a message naming the value and what is missing.
 */
@Slf4j
final class ChatEndpoint implements AutoCloseable {
    private final ChatModel model;
    private final CompletionServer server;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicReference<String> lastFailure =
            new java.util.concurrent.atomic.AtomicReference<>();

    private ChatEndpoint(ChatModel model, CompletionServer server) {
        this.model = new FailureNoting(model, lastFailure);
        this.server = server;
    }

    /**
     * How to reach a model.
     *
     * @param modelName   the model name for a URL without {@code #NAME}; null if none
     * @param apiKeyEnv   the environment variable holding the API key (unset: no key is sent)
     * @param maxAttempts attempts per request, first one included
     * @param timeout     time allowed for one request, generation included
     * @param concurrency requests in flight at once (also the in-process server's threads)
     * @param textOnly    replace images by a marker (always on for a model directory)
     */
    record Settings(String modelName, String apiKeyEnv, int maxAttempts, Duration timeout, int concurrency,
                    boolean textOnly) {
        Settings {
            if (maxAttempts < 1 || concurrency < 1) {
                throw new IllegalArgumentException("attempts and concurrency must be at least 1 but are "
                        + maxAttempts + " and " + concurrency);
            }
        }
    }

    /**
     * Opens the model that {@code value} names.
     *
     * @param option the option it came from ({@code --model}), for error messages
     * @throws IllegalArgumentException when {@code value} is neither a usable URL nor a model directory
     */
    static ChatEndpoint open(String option, String value, Settings settings) {
        String v = value.strip();
        if (v.startsWith("http://") || v.startsWith("https://")) {
            return new ChatEndpoint(maybeTextOnly(new OpenAiChatModel(config(option, v, settings)), settings), null);
        }
        Path dir = modelDirectory(option, v);
        LoadedModel loaded = LoadedModel.load(dir);
        CompletionServer server;
        try {
            server = new CompletionServer(loaded, "127.0.0.1", 0, settings.concurrency(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a loopback server for " + dir + ": " + e.getMessage(), e);
        }
        server.start();
        String modelId = dir.toAbsolutePath().normalize().getFileName().toString();
        OpenAiChatConfig config = settingsApplied(OpenAiChatConfig.of(
                URI.create("http://127.0.0.1:" + server.port() + "/v1"), modelId), settings);
        log.info("{} {}: serving the model in process at {}", option, dir, config.baseUri());
        ChatModel named = new Renamed(new OpenAiChatModel(config), "seedling:" + dir.toAbsolutePath().normalize());
        return new ChatEndpoint(new TextOnlyChatModel(named), server);
    }

    /** The model to ask. */
    ChatModel model() {
        return model;
    }

    /** The message of the last request that failed (after the client's retries), if any: for command summaries. */
    java.util.Optional<String> lastFailure() {
        return java.util.Optional.ofNullable(lastFailure.get());
    }

    /** Stops the in-process server, if any; idempotent. */
    @Override
    public void close() {
        if (server != null && closed.compareAndSet(false, true)) {
            server.close();
        }
    }

    private static OpenAiChatConfig config(String option, String url, Settings settings) {
        String spec = url;
        if (url.indexOf('#') < 0) {
            if (settings.modelName() == null || settings.modelName().isBlank()) {
                throw new IllegalArgumentException(option + " " + url + " names no model: add '#NAME' to the URL or"
                        + " pass " + option + "-name NAME");
            }
            spec = url + "#" + settings.modelName().strip();
        }
        try {
            return settingsApplied(ChatModels.parse(spec), settings);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    private static OpenAiChatConfig settingsApplied(OpenAiChatConfig c, Settings s) {
        Duration initial = c.initialBackoff();
        return c.withApiKeyEnv(s.apiKeyEnv()).withTimeouts(c.connectTimeout(), s.timeout())
                .withRetries(s.maxAttempts(), initial, c.maxBackoff(), c.maxRetryAfter())
                .withMaxConcurrency(s.concurrency());
    }

    private static ChatModel maybeTextOnly(ChatModel m, Settings s) {
        return s.textOnly() ? new TextOnlyChatModel(m) : m;
    }

    /** {@code value} as a model directory, or an error naming what is missing. */
    static Path modelDirectory(String option, String value) {
        Path dir;
        try {
            dir = Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(option + " '" + value + "' is neither a URL (http://HOST:PORT/v1#MODEL)"
                    + " nor a path: " + e.getMessage());
        }
        String expected = " (expected a URL such as http://127.0.0.1:8080/v1#MODEL or a Seedling model directory"
                + " holding " + ModelDirectory.CONFIG + ", " + ModelDirectory.WEIGHTS + " and "
                + ModelDirectory.TOKENIZER + ")";
        if (!Files.exists(dir)) {
            throw new IllegalArgumentException(option + " " + value + ": no such file or directory" + expected);
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + " " + value + " is a file, not a model directory" + expected);
        }
        List<String> missing = new ArrayList<>();
        for (String f : List.of(ModelDirectory.CONFIG, ModelDirectory.WEIGHTS, ModelDirectory.TOKENIZER)) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                missing.add(f);
            }
        }
        if (!missing.isEmpty()) {
            String hint = Files.isDirectory(dir.resolve("model")) ? "; did you mean " + dir.resolve("model") + "?"
                    : "";
            throw new IllegalArgumentException(option + " " + value + " is not a model directory: it has no "
                    + String.join(", ", missing) + hint + expected);
        }
        return dir;
    }

    /** A model under another name (the in-process server's port changes from run to run; its directory does not). */
    private record Renamed(ChatModel delegate, String name) implements ChatModel {
        @Override
        public ChatResponse complete(ChatRequest request) {
            return delegate.complete(request);
        }
    }

    /** Passes requests on and remembers the last failure's message; the same name. */
    private record FailureNoting(ChatModel delegate, java.util.concurrent.atomic.AtomicReference<String> last)
            implements ChatModel {
        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public ChatResponse complete(ChatRequest request) {
            try {
                return delegate.complete(request);
            } catch (dev.seedling.eval.chat.ChatModelException e) {
                last.set(e.getMessage());
                throw e;
            }
        }
    }
}
