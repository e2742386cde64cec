package dev.seedling.data.tokenizer;

import java.util.Arrays;

/**
 * Open-addressing map from a token pair (left id, right id) to its merge (rank, merged id), without boxing: the
 * encoder's inner loop looks up every adjacent pair. Immutable after construction; safe to share between threads.
 */
final class MergeTable {
    private static final long EMPTY = -1L;
    private final long[] keys;
    private final int[] ranks;
    private final int[] merged;
    private final int mask;

    MergeTable(int[][] pairs, int[] mergedIds) {
        int cap = Integer.highestOneBit(Math.max(4, pairs.length * 2 + 1)) << 1;
        keys = new long[cap];
        Arrays.fill(keys, EMPTY);
        ranks = new int[cap];
        merged = new int[cap];
        mask = cap - 1;
        for (int r = 0; r < pairs.length; r++) {
            long k = key(pairs[r][0], pairs[r][1]);
            int slot = slot(k);
            while (keys[slot] != EMPTY && keys[slot] != k) {
                slot = (slot + 1) & mask;
            }
            if (keys[slot] == EMPTY) { // the first (lowest-rank) occurrence of a pair wins
                keys[slot] = k;
                ranks[slot] = r;
                merged[slot] = mergedIds[r];
            }
        }
    }

    /** The slot of pair (a, b), or -1 if the pair has no merge. */
    int find(int a, int b) {
        long k = key(a, b);
        int slot = slot(k);
        while (true) {
            long s = keys[slot];
            if (s == k) {
                return slot;
            }
            if (s == EMPTY) {
                return -1;
            }
            slot = (slot + 1) & mask;
        }
    }

    int rank(int slot) {
        return ranks[slot];
    }

    int merged(int slot) {
        return merged[slot];
    }

    private static long key(int a, int b) {
        return ((long) a << 32) | (b & 0xFFFFFFFFL);
    }

    private int slot(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }
}
