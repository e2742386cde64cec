package dev.seedling.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * The CPU backend's thread pool: a {@link ForkJoinPool} sized to the available processors, or to the system property
 * {@code seedling.threads}. Work below a grain size runs on the calling thread.
 */
final class Parallel {
    static final int THREADS = Integer.getInteger("seedling.threads", Runtime.getRuntime().availableProcessors());
    private static final ForkJoinPool POOL = THREADS > 1 ? new ForkJoinPool(THREADS) : null;

    private Parallel() {
    }

    /** A body over the half-open range {@code [from, to)}. */
    @FunctionalInterface
    interface RangeBody {
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over {@code [0, n)} split into pieces; {@code costPerItem} (roughly, elements touched per item)
     * decides whether splitting pays.
     */
    static void forRange(int n, long costPerItem, RangeBody body) {
        long total = (long) n * Math.max(1, costPerItem);
        if (POOL == null || n < 2 || total < 32_768 || java.util.concurrent.ForkJoinTask.getPool() == POOL) {
            body.run(0, n);
            return;
        }
        int pieces = (int) Math.min(n, Math.min(THREADS * 4L, Math.max(2, total / 16_384)));
        POOL.invoke(new Split(body, 0, n, Math.max(1, (n + pieces - 1) / pieces)));
    }

    private static final class Split extends RecursiveAction {
        private final RangeBody body;
        private final int from;
        private final int to;
        private final int grain;

        Split(RangeBody body, int from, int to, int grain) {
            this.body = body;
            this.from = from;
            this.to = to;
            this.grain = grain;
        }

        @Override
        protected void compute() {
            if (to - from <= grain) {
                body.run(from, to);
                return;
            }
            int mid = (from + to) >>> 1;
            invokeAll(new Split(body, from, mid, grain), new Split(body, mid, to, grain));
        }
    }
}
