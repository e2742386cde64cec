package dev.seedling.data.tokenizer;

import java.util.Arrays;

/**
 * Applies BPE merges to one piece the way the Hugging Face BPE model does: a min-heap of candidate pairs keyed by
 * (merge rank, position of the left symbol) over a linked list of symbols; the lowest is merged, stale entries are
 * skipped, and the new symbol's pairs with its neighbours are pushed. O(n log n) in the piece length, so a long run
 * without white space (minified code, base64) cannot make encoding quadratic. Stateless; thread-safe.
 */
final class MergeQueue {
    private MergeQueue() {
    }

    /** The ids of {@code symbols} (byte token ids) after merging. */
    static int[] apply(MergeTable table, int[] symbols) {
        int n = symbols.length;
        if (n < 2) {
            return symbols;
        }
        int[] val = symbols;
        int[] prev = new int[n];
        int[] next = new int[n];
        boolean[] dead = new boolean[n];
        long[] heap = new long[n];
        int size = 0;
        for (int i = 0; i < n; i++) {
            prev[i] = i - 1;
            next[i] = i + 1;
        }
        for (int i = 0; i + 1 < n; i++) {
            int slot = table.find(val[i], val[i + 1]);
            if (slot >= 0) {
                heap[size++] = entry(table.rank(slot), i);
            }
        }
        heapify(heap, size);
        int alive = n;
        while (size > 0) {
            long top = heap[0];
            heap[0] = heap[--size];
            siftDown(heap, size, 0);
            int pos = (int) top;
            if (dead[pos] || next[pos] >= n) {
                continue;
            }
            int nx = next[pos];
            int slot = table.find(val[pos], val[nx]);
            if (slot < 0 || table.rank(slot) != (int) (top >>> 32)) {
                continue; // stale: one of the two symbols changed since this entry was pushed
            }
            val[pos] = table.merged(slot);
            dead[nx] = true;
            alive--;
            next[pos] = next[nx];
            if (next[nx] < n) {
                prev[next[nx]] = pos;
            }
            if (prev[pos] >= 0) {
                int s = table.find(val[prev[pos]], val[pos]);
                if (s >= 0) {
                    heap = push(heap, size++, entry(table.rank(s), prev[pos]));
                }
            }
            if (next[pos] < n) {
                int s = table.find(val[pos], val[next[pos]]);
                if (s >= 0) {
                    heap = push(heap, size++, entry(table.rank(s), pos));
                }
            }
        }
        int[] out = new int[alive];
        int k = 0;
        for (int i = 0; i < n; i = next[i]) {
            out[k++] = val[i];
        }
        return out;
    }

    private static long entry(int rank, int pos) {
        return ((long) rank << 32) | pos;
    }

    private static long[] push(long[] heap, int size, long e) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2 + 2);
        }
        int i = size;
        heap[i] = e;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent] <= heap[i]) {
                break;
            }
            long t = heap[parent];
            heap[parent] = heap[i];
            heap[i] = t;
            i = parent;
        }
        return heap;
    }

    private static void heapify(long[] heap, int size) {
        for (int i = size / 2 - 1; i >= 0; i--) {
            siftDown(heap, size, i);
        }
    }

    private static void siftDown(long[] heap, int size, int i) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int m = l + 1 < size && heap[l + 1] < heap[l] ? l + 1 : l;
            if (heap[i] <= heap[m]) {
                return;
            }
            long t = heap[i];
            heap[i] = heap[m];
            heap[m] = t;
            i = m;
        }
    }
}
