package dev.seedling.eval.chat;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link OpenAiChatModel}. Holds the <em>name</em> of the environment variable that carries the API key,
 * never the key itself, so a config can be logged, printed and stored in a run manifest.
 *
 * @param baseUri            the API root, e.g. {@code http://127.0.0.1:8080/v1}; {@code /chat/completions} is appended
 * @param model              the model name sent in every request
 * @param apiKeyEnv          name of the environment variable holding the bearer token; unset or empty means no
 *                           {@code Authorization} header (local servers)
 * @param connectTimeout     TCP/TLS connect timeout
 * @param requestTimeout     time allowed for one HTTP exchange, including the whole generation
 * @param maxAttempts        attempts per request, first one included (at least 1)
 * @param initialBackoff     delay before the second attempt; doubles on each further attempt
 * @param maxBackoff         upper bound of the computed delay (a server's {@code Retry-After} may ask for more, up to
 *                           {@code maxRetryAfter})
 * @param maxRetryAfter      upper bound on how long a {@code Retry-After} header can make the client wait
 * @param maxConcurrency     requests in flight at once through this client (at least 1)
 */
public record OpenAiChatConfig(
        URI baseUri,
        String model,
        String apiKeyEnv,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration maxRetryAfter,
        int maxConcurrency) {

    /** The environment variable read for the key unless configured otherwise. */
    public static final String DEFAULT_API_KEY_ENV = "OPENAI_API_KEY";

    public OpenAiChatConfig {
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(apiKeyEnv, "apiKeyEnv");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        String scheme = baseUri.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("baseUri must be http or https but is " + baseUri);
        }
        if (model.isBlank()) {
            throw new IllegalArgumentException("model name is blank for " + baseUri);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1 but is " + maxAttempts);
        }
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1 but is " + maxConcurrency);
        }
    }

    /**
     * Defaults for evaluation runs: key from {@code OPENAI_API_KEY}, 10 s connect, 120 s per request, 5 attempts with
     * backoff from 1 s to 30 s (Retry-After honoured up to 120 s), 8 requests in flight.
     */
    public static OpenAiChatConfig of(URI baseUri, String model) {
        return new OpenAiChatConfig(baseUri, model, DEFAULT_API_KEY_ENV, Duration.ofSeconds(10),
                Duration.ofSeconds(120), 5, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(120), 8);
    }

    public OpenAiChatConfig withApiKeyEnv(String name) {
        return new OpenAiChatConfig(baseUri, model, name, connectTimeout, requestTimeout, maxAttempts, initialBackoff,
                maxBackoff, maxRetryAfter, maxConcurrency);
    }

    public OpenAiChatConfig withTimeouts(Duration connect, Duration request) {
        return new OpenAiChatConfig(baseUri, model, apiKeyEnv, connect, request, maxAttempts, initialBackoff,
                maxBackoff, maxRetryAfter, maxConcurrency);
    }

    public OpenAiChatConfig withRetries(int attempts, Duration initial, Duration max, Duration maxRetryAfterHeader) {
        return new OpenAiChatConfig(baseUri, model, apiKeyEnv, connectTimeout, requestTimeout, attempts, initial, max,
                maxRetryAfterHeader, maxConcurrency);
    }

    public OpenAiChatConfig withMaxConcurrency(int n) {
        return new OpenAiChatConfig(baseUri, model, apiKeyEnv, connectTimeout, requestTimeout, maxAttempts,
                initialBackoff, maxBackoff, maxRetryAfter, n);
    }

    /** The chat-completions endpoint under {@link #baseUri()}. */
    public URI completionsUri() {
        String base = baseUri.toString();
        return URI.create(base.endsWith("/") ? base + "chat/completions" : base + "/chat/completions");
    }
}
