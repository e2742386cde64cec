package dev.seedling.eval.chat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import lombok.extern.slf4j.Slf4j;

/**
 * A {@link ChatModel} speaking the OpenAI chat-completions protocol over {@code java.net.http} (OpenAI, vLLM,
 * llama.cpp server, Ollama's {@code /v1}, and later {@code seedling serve}).
 *
 * <p><b>Retries.</b> HTTP 408, 429 and 5xx, time-outs and I/O errors are retried up to
 * {@link OpenAiChatConfig#maxAttempts()} times with exponential backoff and jitter; a {@code Retry-After} header
 * lengthens the wait. Other 4xx and malformed responses fail at once. The final {@link ChatModelException} names the
 * model, the endpoint, the last HTTP status (or the I/O failure) and the number of attempts.
 *
 * <p><b>Credentials.</b> The API key is read once, at construction, from the environment variable named by
 * {@link OpenAiChatConfig#apiKeyEnv()}. It is only ever written into the {@code Authorization} header: never logged,
 * never in {@link #toString()}, {@link #name()} or exception messages (server error bodies are scrubbed of it too).
 *
 * <p><b>Threads.</b> Safe for concurrent use; at most {@link OpenAiChatConfig#maxConcurrency()} HTTP exchanges are in
 * flight at once (waiting between retries does not hold a slot).
 */
@Slf4j
public final class OpenAiChatModel implements ChatModel {
    private static final int ERROR_BODY_CHARS = 300;

    private final OpenAiChatConfig config;
    private final String apiKey; // null when the variable is unset or empty
    private final HttpClient http;
    private final Semaphore slots;
    private final RetryBackoff backoff;

    /** A client that reads its key from the process environment. */
    public OpenAiChatModel(OpenAiChatConfig config) {
        this(config, System::getenv, RandomGenerator.getDefault());
    }

    /**
     * A client reading its key through {@code environment} (for tests and embedding) and drawing jitter from
     * {@code random}.
     */
    public OpenAiChatModel(OpenAiChatConfig config, UnaryOperator<String> environment, RandomGenerator random) {
        this.config = config;
        String key = environment.apply(config.apiKeyEnv());
        this.apiKey = key == null || key.isBlank() ? null : key.strip();
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1) // h2c upgrade attempts confuse several local servers
                .build();
        this.slots = new Semaphore(config.maxConcurrency(), true);
        this.backoff = new RetryBackoff(config.initialBackoff(), config.maxBackoff(), config.maxRetryAfter(), random);
        if (apiKey == null) {
            log.debug("{}: environment variable {} is unset; sending no Authorization header", name(),
                    config.apiKeyEnv());
        }
    }

    /** The settings (which hold the key's variable name, not the key). */
    public OpenAiChatConfig config() {
        return config;
    }

    @Override
    public String name() {
        return config.model() + "@" + config.baseUri();
    }

    @Override
    public ChatResponse complete(ChatRequest request) {
        String body = OpenAiWireFormat.requestBody(config.model(), request);
        HttpRequest.Builder builder = HttpRequest.newBuilder(config.completionsUri())
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        HttpRequest httpRequest = builder.build();

        String lastFailure = "no attempt";
        Throwable lastCause = null;
        for (int attempt = 1; ; attempt++) {
            Optional<Duration> retryAfter = Optional.empty();
            try {
                HttpResponse<String> response = send(httpRequest);
                int status = response.statusCode();
                if (status / 100 == 2) {
                    try {
                        return OpenAiWireFormat.parseResponse(response.body(), config.model());
                    } catch (IllegalArgumentException malformed) {
                        throw new ChatModelException(name() + ": malformed response (HTTP " + status + ", attempt "
                                + attempt + "): " + malformed.getMessage(), false);
                    }
                }
                lastFailure = "HTTP " + status + ": " + scrub(abbreviate(response.body()));
                lastCause = null;
                if (!retryableStatus(status)) {
                    String hint = status == 401 || status == 403 ? "; check the key in $" + config.apiKeyEnv()
                            + (apiKey == null ? ", which is unset" : "") : "";
                    throw new ChatModelException(name() + ": request rejected, " + lastFailure + " (attempt "
                            + attempt + " of " + config.maxAttempts() + ", not retried" + hint + ")", false);
                }
                retryAfter = RetryBackoff.parseRetryAfter(response.headers().firstValue("Retry-After"),
                        ZonedDateTime.now());
            } catch (HttpConnectTimeoutException e) {
                lastFailure = "connect timed out after " + config.connectTimeout().toMillis() + " ms";
                lastCause = e;
            } catch (HttpTimeoutException e) {
                lastFailure = "timed out after " + config.requestTimeout().toMillis() + " ms";
                lastCause = e;
            } catch (IOException e) {
                lastFailure = "I/O error " + e.getClass().getSimpleName() + ": "
                        + scrub(String.valueOf(e.getMessage()));
                lastCause = e;
            }
            if (attempt >= config.maxAttempts()) {
                throw new ChatModelException(name() + ": gave up after " + attempt + " attempts; last failure "
                        + lastFailure, true, lastCause);
            }
            Duration wait = backoff.delayAfter(attempt, retryAfter);
            log.warn("{}: attempt {} of {} failed ({}); retrying in {} ms", name(), attempt, config.maxAttempts(),
                    lastFailure, wait.toMillis());
            sleep(wait);
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatModelException(name() + ": interrupted while waiting for a request slot", true, e);
        }
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatModelException(name() + ": interrupted during the request", true, e);
        } finally {
            slots.release();
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatModelException(name() + ": interrupted while waiting to retry", true, e);
        }
    }

    static boolean retryableStatus(int status) {
        return status == 408 || status == 429 || status / 100 == 5;
    }

    private static String abbreviate(String s) {
        String oneLine = s == null ? "" : s.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= ERROR_BODY_CHARS ? oneLine : oneLine.substring(0, ERROR_BODY_CHARS) + "...";
    }

    /** Removes the key from text that came from outside (a server might echo the header back). */
    private String scrub(String s) {
        return apiKey == null ? s : s.replace(apiKey, "[redacted]");
    }

    @Override
    public String toString() {
        return "OpenAiChatModel[" + name() + ", keyFrom=$" + config.apiKeyEnv() + "]";
    }
}
