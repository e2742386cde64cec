package dev.seedling.cpu;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Parallel}: every index exactly once, from several callers at a time, nested loops, failures. */
class ParallelTest {
    /** Runs a loop big enough to be split and checks that each index ran exactly once. */
    private static void coversEachIndexOnce(int n) {
        AtomicIntegerArray hits = new AtomicIntegerArray(n);
        Parallel.forRange(n, 100_000, (from, to) -> {
            for (int i = from; i < to; i++) {
                hits.incrementAndGet(i);
            }
        });
        for (int i = 0; i < n; i++) {
            assertThat(hits.get(i)).as("index %d of %d", i, n).isEqualTo(1);
        }
    }

    @Test
    void everyIndexRunsExactlyOnce() {
        for (int n : new int[]{1, 2, 3, 7, 64, 1001}) {
            for (int rep = 0; rep < 50; rep++) {
                coversEachIndexOnce(n);
            }
        }
    }

    @Test
    void callersOnSeveralThreadsEachGetTheirWholeLoop() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int rep = 0; rep < 200; rep++) {
                        coversEachIndexOnce(97);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLoopInsideALoopRunsOnItsCallersThread() {
        AtomicIntegerArray hits = new AtomicIntegerArray(16 * 16);
        Parallel.forRange(16, 1_000_000, (from, to) -> {
            for (int i = from; i < to; i++) {
                int row = i;
                Parallel.forRange(16, 1_000_000, (f2, t2) -> {
                    for (int j = f2; j < t2; j++) {
                        hits.incrementAndGet(row * 16 + j);
                    }
                });
            }
        });
        for (int i = 0; i < 256; i++) {
            assertThat(hits.get(i)).isEqualTo(1);
        }
    }

    @Test
    void aFailingPieceReachesTheCallerAndTheThreadsStayUsable() {
        assertThatThrownBy(() -> Parallel.forRange(64, 1_000_000, (from, to) -> {
            if (from <= 40 && 40 < to) {
                throw new IndexOutOfBoundsException("piece holding 40");
            }
        })).isInstanceOf(IndexOutOfBoundsException.class).hasMessage("piece holding 40");
        coversEachIndexOnce(333);
    }

    @Test
    void piecesHaveBoundariesFixedByTheLoopAlone() {
        int n = 1000;
        List<String> first = boundaries(n);
        for (int rep = 0; rep < 20; rep++) {
            assertThat(boundaries(n)).isEqualTo(first);
        }
    }

    private static List<String> boundaries(int n) {
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        Parallel.forRange(n, 100_000, (from, to) -> seen.add(from + ".." + to));
        return seen.stream().sorted().toList();
    }
}
