package dev.seedling.data.loader;

import java.util.List;

/**
 * An in-memory token stream cut into sequences by the same rule as
 * {@link dev.seedling.data.text.PackedSequences}: sequence {@code i} is tokens {@code [i*L, i*L + L + 1)}. For
 * synthetic corpora and tests; text corpora use the memory-mapped token cache.
 *
 * @param tokens the stream (not copied: do not modify it afterwards)
 * @param contextLength {@code L}
 */
public record TokenArraySequences(int[] tokens, int contextLength) implements SequenceSource {
    /** Checks the length. */
    public TokenArraySequences {
        if (contextLength < 1) {
            throw new IllegalArgumentException("context length must be positive, got " + contextLength);
        }
    }

    /** The documents joined with {@code eosId} after each, packed into sequences of {@code contextLength + 1}. */
    public static TokenArraySequences packDocuments(List<int[]> documents, int eosId, int contextLength) {
        int n = 0;
        for (int[] d : documents) {
            n += d.length + 1;
        }
        int[] all = new int[n];
        int at = 0;
        for (int[] d : documents) {
            System.arraycopy(d, 0, all, at, d.length);
            at += d.length;
            all[at++] = eosId;
        }
        return new TokenArraySequences(all, contextLength);
    }

    @Override
    public int size() {
        return Math.max(0, (tokens.length - 1) / contextLength);
    }

    @Override
    public int sequenceLength() {
        return contextLength + 1;
    }

    @Override
    public void read(int index, long[] dst, int offset) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("sequence " + index + " outside [0, " + size() + ")");
        }
        int from = index * contextLength;
        for (int i = 0; i <= contextLength; i++) {
            dst[offset + i] = tokens[from + i];
        }
    }
}
