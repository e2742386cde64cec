package dev.seedling.data.loader;

import dev.seedling.tensor.Tensor;

import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns a {@link SequenceSource} into an endless stream of {@link Batch}es, epoch after epoch. Epoch {@code e}
 * visits every sequence once, in index order or in the Fisher-Yates permutation drawn from
 * {@code SplittableRandom(seed, e)}; batches are consecutive runs of that order. {@link #state()} is the position of
 * the next batch, and a loader opened at a saved state continues with exactly the batches the saved one would have
 * returned, whether or not prefetching is on.
 *
 * <p>Prefetching: with {@code prefetch > 0} a daemon thread gathers the next batches' token arrays into a bounded
 * queue. Tensors are still created on the thread that calls {@link #next()}, because the current backend is
 * thread-local ({@link dev.seedling.Seedling#use}). {@link #close()} stops and joins that thread. Anything the thread
 * throws, an {@link Error} included, is rethrown by the next {@link #next()} rather than leaving it waiting.
 *
 * <p>Not thread-safe: one consumer thread calls {@link #next()}.
 */
public final class DataLoader implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final SequenceSource source;
    private final DataLoaderConfig config;
    private final int batchesPerEpoch;
    private LoaderState state;
    private final BlockingQueue<Object> queue;
    private final Thread prefetcher;
    private volatile boolean closed;
    private RuntimeException failure;

    /** Rows gathered for one batch. */
    private record Rows(long[] inputs, long[] targets, int rows, LoaderState position) {
    }

    /** Opens a loader at the start of epoch 0. */
    public DataLoader(SequenceSource source, DataLoaderConfig config) {
        this(source, config, LoaderState.start(config.seed()));
    }

    /**
     * Opens a loader at {@code state}.
     *
     * @throws IllegalArgumentException if the state's seed differs from the config's, its batch index is past the
     *                                  epoch, or the source holds fewer sequences than one (full, if dropLast) batch
     */
    public DataLoader(SequenceSource source, DataLoaderConfig config, LoaderState state) {
        this.source = source;
        this.config = config;
        int n = source.size();
        this.batchesPerEpoch = config.dropLast() ? n / config.batchSize()
                : (n + config.batchSize() - 1) / config.batchSize();
        if (batchesPerEpoch == 0) {
            throw new IllegalArgumentException("source has " + n + " sequences, fewer than one batch of "
                    + config.batchSize() + (config.dropLast() ? " (dropLast)" : ""));
        }
        if (state.seed() != config.seed()) {
            throw new IllegalArgumentException("loader state has seed " + state.seed() + " but the config has "
                    + config.seed());
        }
        if (state.batch() >= batchesPerEpoch) {
            throw new IllegalArgumentException("loader state batch " + state.batch() + " is past the epoch's "
                    + batchesPerEpoch + " batches");
        }
        this.state = state;
        if (config.prefetch() > 0) {
            queue = new ArrayBlockingQueue<>(config.prefetch());
            prefetcher = new Thread(this::prefetchLoop, "seedling-prefetch-" + THREADS.incrementAndGet());
            prefetcher.setDaemon(true);
            prefetcher.start();
        } else {
            queue = null;
            prefetcher = null;
        }
    }

    /** Batches in one epoch. */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** The position of the next batch; save it to resume. */
    public LoaderState state() {
        return state;
    }

    /**
     * The next batch, on the caller's current backend.
     *
     * @throws IllegalStateException if the loader is closed, or wrapping the prefetch thread's failure
     */
    public Batch next() {
        if (closed) {
            throw new IllegalStateException("data loader is closed");
        }
        Rows rows;
        if (failure != null) {
            throw new IllegalStateException("prefetch thread failed: " + failure.getMessage(), failure);
        }
        if (prefetcher == null) {
            rows = gather(state);
        } else {
            Object o;
            try {
                o = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a batch", e);
            }
            if (o instanceof RuntimeException e) {
                failure = e;
                throw new IllegalStateException("prefetch thread failed: " + e.getMessage(), e);
            }
            rows = (Rows) o;
        }
        state = advance(rows.position());
        int len = source.sequenceLength() - 1;
        return new Batch(Tensor.ofLongs(rows.inputs(), rows.rows(), len),
                Tensor.ofLongs(rows.targets(), rows.rows(), len), rows.position());
    }

    /** True while the prefetch thread is running (always false without prefetching). */
    public boolean prefetchRunning() {
        return prefetcher != null && prefetcher.isAlive();
    }

    /** Stops and joins the prefetch thread. Idempotent. */
    @Override
    public void close() {
        closed = true;
        if (prefetcher != null) {
            prefetcher.interrupt();
            try {
                prefetcher.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void prefetchLoop() {
        LoaderState at = state;
        try {
            while (!closed) {
                Rows r = gather(at);
                queue.put(r);
                at = advance(at);
            }
        } catch (InterruptedException e) {
            // closing
        } catch (Throwable t) { // an Error too (e.g. InternalError from a truncated mapped file): next() must not hang
            RuntimeException e = t instanceof RuntimeException r ? r
                    : new RuntimeException(t + " while gathering epoch " + at.epoch() + " batch " + at.batch(), t);
            queue.clear();
            queue.offer(e);
        }
    }

    private LoaderState advance(LoaderState s) {
        return s.batch() + 1 < batchesPerEpoch ? new LoaderState(s.seed(), s.epoch(), s.batch() + 1)
                : new LoaderState(s.seed(), s.epoch() + 1, 0);
    }

    private Rows gather(LoaderState s) {
        int[] order = order(s.epoch());
        int from = s.batch() * config.batchSize();
        int rows = Math.min(config.batchSize(), order.length - from);
        int len = source.sequenceLength();
        long[] seq = new long[len];
        long[] in = new long[rows * (len - 1)];
        long[] tg = new long[rows * (len - 1)];
        for (int r = 0; r < rows; r++) {
            source.read(order[from + r], seq, 0);
            System.arraycopy(seq, 0, in, r * (len - 1), len - 1);
            System.arraycopy(seq, 1, tg, r * (len - 1), len - 1);
        }
        return new Rows(in, tg, rows, s);
    }

    private long cachedEpoch = -1;
    private int[] cachedOrder;

    /** The visiting order of epoch {@code e}; cached, since consecutive batches share it. */
    private synchronized int[] order(long e) {
        if (e != cachedEpoch) {
            int n = source.size();
            int[] o = new int[n];
            for (int i = 0; i < n; i++) {
                o[i] = i;
            }
            if (config.shuffle()) {
                SplittableRandom rng = new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + e);
                for (int i = n - 1; i > 0; i--) {
                    int j = rng.nextInt(i + 1);
                    int t = o[i];
                    o[i] = o[j];
                    o[j] = t;
                }
            }
            cachedOrder = o;
            cachedEpoch = e;
        }
        return cachedOrder;
    }
}
