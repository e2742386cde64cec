package dev.seedling.eval.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {
    private final RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(100), Duration.ofMillis(1000),
            Duration.ofSeconds(60), RandomGenerator.of("L64X128MixRandom"));

    @Test
    void delayDoublesPerAttemptWithinHalfToFullOfTheCappedValue() {
        for (int attempt = 1; attempt <= 8; attempt++) {
            long ceiling = Math.min(1000, 100L << (attempt - 1));
            long d = backoff.delayAfter(attempt, Optional.empty()).toMillis();
            assertThat(d).isBetween(ceiling / 2, ceiling);
        }
    }

    @Test
    void retryAfterLongerThanBackoffWinsButIsCapped() {
        assertThat(backoff.delayAfter(1, Optional.of(Duration.ofSeconds(5)))).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.delayAfter(1, Optional.of(Duration.ofHours(1)))).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void parsesRetryAfterSecondsAndHttpDates() {
        ZonedDateTime now = ZonedDateTime.of(2025, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC);
        assertThat(RetryBackoff.parseRetryAfter(Optional.of("7"), now)).contains(Duration.ofSeconds(7));
        assertThat(RetryBackoff.parseRetryAfter(Optional.of("Wed, 01 Jan 2025 12:00:30 GMT"), now))
                .contains(Duration.ofSeconds(30));
        assertThat(RetryBackoff.parseRetryAfter(Optional.of("soon"), now)).isEmpty();
        assertThat(RetryBackoff.parseRetryAfter(Optional.empty(), now)).isEmpty();
    }
}
