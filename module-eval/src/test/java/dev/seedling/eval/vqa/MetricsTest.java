package dev.seedling.eval.vqa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void threeCorrectTwoIncorrectOneNotAttemptedGiveTheSpecFixtureValues() {
        Metrics m = Metrics.of(3, 2, 1, 0, false);

        // CO = 3/6, IN = 2/6, NA = 1/6, CGA = .5/(.5+.3333) = .6, F = 2·.5·.6/1.1 = 6/11
        assertThat(m.n()).isEqualTo(6);
        assertThat(m.co()).isEqualTo(0.5);
        assertThat(m.in()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(m.na()).isCloseTo(1.0 / 6, within(1e-12));
        assertThat(m.cga()).isCloseTo(0.6, within(1e-12));
        assertThat(m.f()).isCloseTo(6.0 / 11, within(1e-12));
    }

    @Test
    void nothingAttemptedGivesZeroCgaAndF() {
        Metrics m = Metrics.of(0, 0, 4, 1, false);

        assertThat(m.na()).isEqualTo(1.0);
        assertThat(m.cga()).isZero();
        assertThat(m.f()).isZero();
        assertThat(m.parseFailures()).isEqualTo(1);
    }

    @Test
    void emptyGroupIsAllZero() {
        assertThat(Metrics.of(0, 0, 0, 0, false).f()).isZero();
    }

    @Test
    void compatModeRoundsToFourDecimalsBeforeCgaAndF() {
        Metrics exact = Metrics.of(1, 2, 0, 0, false);
        Metrics compat = Metrics.of(1, 2, 0, 0, true);

        assertThat(exact.f()).isCloseTo(1.0 / 3, within(1e-12));
        // compat: CO = 0.3333, CO+IN rounds to 1.0, so CGA = 0.3333 and F = 0.3333
        assertThat(compat.co()).isEqualTo(0.3333);
        assertThat(compat.cga()).isCloseTo(0.3333, within(1e-12));
        assertThat(compat.f()).isCloseTo(0.3333, within(1e-12));
    }

    @Test
    void negativeCountsAreRejected() {
        assertThatThrownBy(() -> Metrics.of(-1, 0, 0, 0, false)).hasMessageContaining("correct=-1");
    }
}
