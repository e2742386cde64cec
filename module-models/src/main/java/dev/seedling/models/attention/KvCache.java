package dev.seedling.models.attention;

import dev.seedling.tensor.Tensor;

/**
 * Keys and values of past positions for incremental decoding, one slot per attention layer. Keys and values are
 * stored after RoPE, as {@code [B, kvHeads, T, headDim]}. Not thread-safe: one cache per generation stream.
 */
public final class KvCache {
    private final Tensor[] keys;
    private final Tensor[] values;
    private long[][] recentTokens;

    public KvCache(int layers) {
        this.keys = new Tensor[layers];
        this.values = new Tensor[layers];
    }

    /** Number of positions cached (0 when empty). */
    public int length() {
        return keys[0] == null ? 0 : keys[0].size(2);
    }

    /**
     * The last tokens of each sequence, {@code [B][≤ c]}, kept for input embeddings that read preceding tokens
     * (over-encoding's n-grams); {@code null} before the first chunk.
     */
    public long[][] recentTokens() {
        return recentTokens;
    }

    /** Replaces the kept tokens (the model keeps at most the embedding's context length). */
    public void recentTokens(long[][] tokens) {
        this.recentTokens = tokens;
    }

    /** Appends this step's keys and values for {@code layer}; returns the full {k, v} including the past. */
    Tensor[] append(int layer, Tensor k, Tensor v) {
        keys[layer] = keys[layer] == null ? k : Tensor.cat(2, keys[layer], k);
        values[layer] = values[layer] == null ? v : Tensor.cat(2, values[layer], v);
        return new Tensor[]{keys[layer], values[layer]};
    }

    /** Positions already cached for {@code layer} (the offset of the next query). */
    int length(int layer) {
        return keys[layer] == null ? 0 : keys[layer].size(2);
    }
}
