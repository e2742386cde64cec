package dev.seedling.data.tokenizer;

import java.util.Arrays;

/**
 * A single-thread memo from a piece of text (a char range of some CharSequence) to its ids, looked up without
 * allocating a String: the hash and the equality check read the range in place. Open addressing with linear
 * probing; when three quarters full it is emptied (natural text re-fills it with its frequent pieces at once).
 * Not thread-safe: {@link BpeTokenizer} keeps one per thread.
 */
final class PieceCache {
    private final String[] keys;
    private final int[][] values;
    private final int mask;
    private int size;

    PieceCache(int capacityPow2) {
        keys = new String[capacityPow2];
        values = new int[capacityPow2][];
        mask = capacityPow2 - 1;
    }

    /** The ids of {@code text[start, end)}, or null. */
    int[] get(CharSequence text, int start, int end) {
        int slot = hash(text, start, end) & mask;
        int len = end - start;
        while (true) {
            String k = keys[slot];
            if (k == null) {
                return null;
            }
            if (k.length() == len && same(k, text, start, len)) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
    }

    void put(String piece, int[] ids) {
        if (size >= keys.length - (keys.length >> 2)) {
            Arrays.fill(keys, null);
            Arrays.fill(values, null);
            size = 0;
        }
        int slot = hash(piece, 0, piece.length()) & mask;
        while (keys[slot] != null) {
            if (keys[slot].equals(piece)) {
                values[slot] = ids;
                return;
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = piece;
        values[slot] = ids;
        size++;
    }

    private static boolean same(String k, CharSequence text, int start, int len) {
        for (int i = 0; i < len; i++) {
            if (k.charAt(i) != text.charAt(start + i)) {
                return false;
            }
        }
        return true;
    }

    private static int hash(CharSequence s, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + s.charAt(i);
        }
        return h ^ (h >>> 16) * 0x45D9F3B;
    }
}
