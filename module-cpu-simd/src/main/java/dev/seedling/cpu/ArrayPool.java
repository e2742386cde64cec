package dev.seedling.cpu;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Float arrays of closed storages, kept by length for later allocations of the same size. A training step allocates
 * the same shapes every step; an array that a closed storage gave back (the autograd engine closes each gradient it
 * has consumed, a {@code TensorScope} closes what it owns) serves the next allocation instead of a new one, which
 * spares the collector the young-generation copies and promotions of short-lived activations and gradients (in the
 * LM step run by {@code Trainer}, whose scope releases each micro-batch's activations: 430 → 325 ms a step). Bounded:
 * half the maximum heap, at most 1 GiB, or {@code -Dseedling.cpu.poolBytes} (0 turns pooling off); arrays under
 * {@value #MIN_LENGTH} floats are left to the collector. Like a caching allocator, the pool keeps what it holds until
 * it is reused, and like PyTorch's CUDA caching allocator it gives everything back when an allocation fails
 * ({@link #clear}, then the allocation is retried). Thread-safe.
 */
final class ArrayPool {
    static final int MIN_LENGTH = 4096;
    static final ArrayPool FLOATS = new ArrayPool(Long.getLong("seedling.cpu.poolBytes",
            Math.min(Runtime.getRuntime().maxMemory() / 2, 1L << 30)));

    private final long capacityBytes;
    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    private long bytes;

    ArrayPool(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    /** Keeps {@code a} for a later {@link #take} if there is room; its owner must never touch it again. */
    void offer(float[] a) {
        if (a.length < MIN_LENGTH) {
            return;
        }
        long size = 4L * a.length;
        synchronized (this) {
            if (bytes + size > capacityBytes) {
                return;
            }
            free.computeIfAbsent(a.length, n -> new ArrayDeque<>()).push(a);
            bytes += size;
        }
    }

    /** A zero-filled array of length {@code n} from the pool, or {@code null} when it holds none. */
    float[] take(int n) {
        return take(n, true);
    }

    /**
     * An array of length {@code n} from the pool, zero-filled when {@code zeroed} (else holding whatever its last
     * owner wrote), or {@code null} when it holds none.
     */
    float[] take(int n, boolean zeroed) {
        if (n < MIN_LENGTH) {
            return null;
        }
        float[] a;
        synchronized (this) {
            ArrayDeque<float[]> d = free.get(n);
            a = d == null ? null : d.poll();
            if (a == null) {
                return null;
            }
            bytes -= 4L * n;
        }
        if (zeroed) {
            Arrays.fill(a, 0f);
        }
        return a;
    }

    /** Drops every array held, for the collector to reclaim; returns the bytes dropped. */
    synchronized long clear() {
        long dropped = bytes;
        free.clear();
        bytes = 0;
        return dropped;
    }

    /** Bytes held now. */
    synchronized long bytes() {
        return bytes;
    }
}
