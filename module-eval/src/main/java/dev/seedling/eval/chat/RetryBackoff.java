package dev.seedling.eval.chat;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Delay before a retry: exponential backoff with "equal jitter" (a random delay between half and all of the capped
 * exponential value), lengthened to a server's {@code Retry-After} when that asks for more. Package-private; the contract is documented on {@link OpenAiChatConfig}.
 */
final class RetryBackoff {
    private final Duration initial;
    private final Duration max;
    private final Duration maxRetryAfter;
    private final RandomGenerator random;

    RetryBackoff(Duration initial, Duration max, Duration maxRetryAfter, RandomGenerator random) {
        this.initial = initial;
        this.max = max;
        this.maxRetryAfter = maxRetryAfter;
        this.random = random;
    }

    /**
     * The delay after failed attempt {@code attempt} (1-based): {@code min(max, initial·2^(attempt-1))} scaled by a
     * random factor in [0.5, 1], or the server's Retry-After (capped at maxRetryAfter) when that is longer.
     */
    Duration delayAfter(int attempt, Optional<Duration> retryAfter) {
        long base = initial.toMillis();
        long exp = attempt - 1 >= 30 ? Long.MAX_VALUE : base << Math.max(0, attempt - 1);
        long capped = Math.min(max.toMillis(), exp < 0 ? Long.MAX_VALUE : exp);
        long jittered = (long) (capped * (0.5 + 0.5 * random.nextDouble()));
        long server = retryAfter.map(d -> Math.min(d.toMillis(), maxRetryAfter.toMillis())).orElse(0L);
        return Duration.ofMillis(Math.max(jittered, server));
    }

    /** Parses a Retry-After value: delta-seconds or an HTTP date; empty when absent or malformed. */
    static Optional<Duration> parseRetryAfter(Optional<String> header, ZonedDateTime now) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String v = header.get().trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(now, at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
