package dev.seedling.data.loader;

import dev.seedling.tensor.DType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class DataLoaderTest {
    /** 103 sequences of 5 tokens; sequence i starts with 1000 * i, so a batch's rows name their sequences. */
    private static final TokenArraySequences SOURCE = new TokenArraySequences(
            IntStream.range(0, 103 * 4 + 1).map(i -> (i / 4) * 1000 + i % 4).toArray(), 4);

    private static List<Long> firstTokens(Batch b) {
        long[] in = b.inputs().toLongArray();
        List<Long> out = new ArrayList<>();
        for (int r = 0; r < b.inputs().size(0); r++) {
            out.add(in[r * 4] / 1000);
        }
        return out;
    }

    private static List<List<Long>> take(DataLoader l, int n) {
        List<List<Long>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(firstTokens(l.next()));
        }
        return out;
    }

    @Test
    void batchesAreShiftedInputsAndTargetsAsI64Tensors() {
        try (DataLoader l = new DataLoader(SOURCE, new DataLoaderConfig(8, false, 0, true, 0))) {
            Batch b = l.next();
            assertThat(b.inputs().dims()).containsExactly(8, 4);
            assertThat(b.inputs().dtype()).isEqualTo(DType.I64);
            assertThat(b.inputs().toLongArray()).startsWith(0, 1, 2, 3, 1000, 1001, 1002, 1003);
            assertThat(b.targets().toLongArray()).startsWith(1, 2, 3, 1000, 1001, 1002, 1003, 2000);
        }
    }

    @Test
    void eachEpochIsASeededPermutationDifferentPerEpoch() {
        try (DataLoader l = new DataLoader(SOURCE, new DataLoaderConfig(10, true, 7, false, 2))) {
            assertThat(l.batchesPerEpoch()).isEqualTo(11);
            List<Long> epoch0 = take(l, 11).stream().flatMap(List::stream).toList();
            List<Long> epoch1 = take(l, 11).stream().flatMap(List::stream).toList();
            assertThat(new HashSet<>(epoch0)).hasSize(103);
            assertThat(new HashSet<>(epoch1)).isEqualTo(new HashSet<>(epoch0));
            assertThat(epoch1).isNotEqualTo(epoch0);
            assertThat(epoch0).isNotEqualTo(IntStream.range(0, 103).mapToObj(i -> (long) i).toList());
        }
    }

    @Test
    void resumesAtTheExactBatchFromASavedState() {
        DataLoaderConfig cfg = new DataLoaderConfig(8, true, 3, true, 3);
        List<List<Long>> reference;
        try (DataLoader l = new DataLoader(SOURCE, cfg)) {
            reference = take(l, 40); // crosses three epochs of 12 batches
        }
        LoaderState saved;
        List<List<Long>> resumed = new ArrayList<>();
        try (DataLoader l = new DataLoader(SOURCE, cfg)) {
            resumed.addAll(take(l, 17));
            saved = l.state();
        }
        assertThat(saved).isEqualTo(new LoaderState(3, 1, 5));
        try (DataLoader l = new DataLoader(SOURCE, new DataLoaderConfig(8, true, 3, true, 0), saved)) {
            resumed.addAll(take(l, 23));
        }
        assertThat(resumed).isEqualTo(reference);
    }

    @Test
    void closingStopsThePrefetchThread() {
        DataLoader l = new DataLoader(SOURCE, new DataLoaderConfig(4, true, 1, true, 2));
        l.next();
        assertThat(l.prefetchRunning()).isTrue();
        l.close();
        assertThat(l.prefetchRunning()).isFalse();
        assertThatThrownBy(l::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void aFailingSourceSurfacesOnTheConsumerThread() {
        SequenceSource broken = failing(index -> new IllegalStateException("disk gone at sequence " + index));
        try (DataLoader l = new DataLoader(broken, new DataLoaderConfig(2, false, 0, true, 2))) {
            assertThatThrownBy(l::next).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("disk gone at sequence 0");
            assertThatThrownBy(l::next).as("fails again rather than blocking")
                    .hasMessageContaining("disk gone at sequence 0");
        }
    }

    @Test
    void refusesAStateFromAnotherSeedOrASourceSmallerThanABatch() {
        DataLoaderConfig cfg = new DataLoaderConfig(8, true, 3, true, 0);
        assertThatThrownBy(() -> new DataLoader(SOURCE, cfg, new LoaderState(4, 0, 0)))
                .hasMessageContaining("seed 4");
        assertThatThrownBy(() -> new DataLoader(SOURCE.subset(new int[] {1, 2}), cfg))
                .hasMessageContaining("fewer than one batch");
    }

    @Test
    void anErrorInThePrefetchThreadSurfacesInsteadOfHanging() {
        SequenceSource truncated = failing(index -> new InternalError(
                "a fault occurred in an unsafe memory access operation"));
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (DataLoader l = new DataLoader(truncated, new DataLoaderConfig(2, false, 0, true, 2))) {
                assertThatThrownBy(l::next).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("unsafe memory access").hasMessageContaining("epoch 0 batch 0")
                        .hasRootCauseInstanceOf(InternalError.class);
                assertThatThrownBy(l::next).as("fails again rather than blocking")
                        .hasMessageContaining("unsafe memory access");
            }
        });
    }

    /** Ten sequences of three tokens whose every read throws what {@code failure} makes of the index (unchecked). */
    private static SequenceSource failing(java.util.function.IntFunction<? extends Throwable> failure) {
        return new SequenceSource() {
            @Override
            public int size() {
                return 10;
            }

            @Override
            public int sequenceLength() {
                return 3;
            }

            @Override
            public void read(int index, long[] dst, int offset) {
                Throwable t = failure.apply(index);
                if (t instanceof RuntimeException r) {
                    throw r;
                }
                throw (Error) t;
            }
        };
    }
}
