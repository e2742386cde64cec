package dev.seedling.cli;

import dev.seedling.eval.chat.OpenAiChatConfig;
import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * The options every command that asks a chat model shares: {@code --model URL|DIR} and how to reach it. Used as a
 * picocli mixin; {@link #open(String, String, boolean)} turns the result into a {@link ChatEndpoint}.
 */
final class ModelOptions {
    @Option(names = "--model", required = true, paramLabel = "URL|DIR",
            description = "the model: an OpenAI-compatible URL (http://HOST:PORT/v1#NAME) or a Seedling model"
                    + " directory (served in process on loopback)")
    String model;
    @Option(names = "--model-name", paramLabel = "NAME",
            description = "the model name to request when the --model URL has no #NAME")
    String modelName;
    @Option(names = "--api-key-env", paramLabel = "VAR",
            description = "environment variable holding the API key (default ${DEFAULT-VALUE}; unset: no key sent)")
    String apiKeyEnv = OpenAiChatConfig.DEFAULT_API_KEY_ENV;
    @Option(names = "--concurrency", paramLabel = "N", description = "requests in flight at once (default"
            + " ${DEFAULT-VALUE})")
    int concurrency = 2;
    @Option(names = "--max-attempts", paramLabel = "N", description = "attempts per request; HTTP 429/5xx and"
            + " time-outs are retried with backoff (default ${DEFAULT-VALUE})")
    int maxAttempts = 5;
    @Option(names = "--timeout", paramLabel = "SECONDS", description = "time allowed for one request (default"
            + " ${DEFAULT-VALUE})")
    int timeoutSeconds = 300;

    /** The endpoint of {@code value} (from {@code option}) under these settings. */
    ChatEndpoint open(String option, String value, String name, String keyEnv, boolean textOnly) {
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("--timeout must be at least 1 second but is " + timeoutSeconds);
        }
        return ChatEndpoint.open(option, value, new ChatEndpoint.Settings(name, keyEnv, maxAttempts,
                Duration.ofSeconds(timeoutSeconds), concurrency, textOnly));
    }

    /** The {@code --model} endpoint. */
    ChatEndpoint open(boolean textOnly) {
        return open("--model", model, modelName, apiKeyEnv, textOnly);
    }
}
