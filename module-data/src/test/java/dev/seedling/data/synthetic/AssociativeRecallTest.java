package dev.seedling.data.synthetic;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class AssociativeRecallTest {
    @Test
    void theAnswerIsTheValueOfTheQueriedKeyAndKeysAreDistinct() {
        AssociativeRecall task = new AssociativeRecall(16, 8, 6);
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 200; i++) {
            AssociativeRecall.Example e = task.sample(rng);
            int[] t = e.tokens();
            assertThat(t).hasSize(15);
            assertThat(t[12]).isEqualTo(task.queryToken());
            Set<Integer> keys = new HashSet<>();
            int value = -1;
            for (int p = 0; p < 6; p++) {
                assertThat(t[2 * p]).isBetween(0, 15);
                assertThat(t[2 * p + 1]).isBetween(16, 23);
                keys.add(t[2 * p]);
                if (t[2 * p] == t[13]) {
                    value = t[2 * p + 1];
                }
            }
            assertThat(keys).hasSize(6);
            assertThat(e.answer()).isEqualTo(value);
        }
    }

    @Test
    void sequencesHoldOneSampleEachEndingWithTheAnswer() {
        AssociativeRecall task = new AssociativeRecall(16, 8, 4);
        var seq = task.sequences(5, 10);
        assertThat(seq.size()).isEqualTo(10);
        long[] row = new long[seq.sequenceLength()];
        seq.read(3, row, 0);
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < 3; i++) {
            task.sample(rng);
        }
        int[] expected = task.sample(rng).tokens();
        assertThat(row).containsExactly(java.util.Arrays.stream(expected).asLongStream().toArray());
    }

    @Test
    void samplesArePureFunctionsOfTheSeed() {
        AssociativeRecall task = new AssociativeRecall(16, 8, 6);
        assertThat(task.sample(new SplittableRandom(1)).tokens())
                .containsExactly(task.sample(new SplittableRandom(1)).tokens());
    }
}
