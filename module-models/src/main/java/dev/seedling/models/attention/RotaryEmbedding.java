package dev.seedling.models.attention;

import dev.seedling.tensor.Functional;
import dev.seedling.tensor.Tensor;

/**
 * Rotary position embedding in the rotate-half layout of GPT-NeoX/Llama: for a head vector split into halves
 * {@code (x1, x2)}, {@code rope(x, t) = x·cos(tθ) + (-x2, x1)·sin(tθ)} with {@code θ_i = base^(-2i/headDim)}.
 * The tables are computed once in double precision for {@code maxPositions}.
 */
public final class RotaryEmbedding {
    private final int headDim;
    private final int maxPositions;
    private final Tensor cos;
    private final Tensor sin;

    public RotaryEmbedding(int headDim, int maxPositions, double base) {
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("RotaryEmbedding: head dimension " + headDim + " must be even");
        }
        this.headDim = headDim;
        this.maxPositions = maxPositions;
        float[] c = new float[maxPositions * headDim];
        float[] s = new float[maxPositions * headDim];
        int half = headDim / 2;
        for (int t = 0; t < maxPositions; t++) {
            for (int i = 0; i < half; i++) {
                double angle = t * Math.pow(base, -2.0 * i / headDim);
                c[t * headDim + i] = c[t * headDim + i + half] = (float) Math.cos(angle);
                s[t * headDim + i] = s[t * headDim + i + half] = (float) Math.sin(angle);
            }
        }
        this.cos = Tensor.of(c, maxPositions, headDim);
        this.sin = Tensor.of(s, maxPositions, headDim);
    }

    /** Rotates {@code x [B, H, T, headDim]} whose first position is {@code offset}. */
    public Tensor apply(Tensor x, int offset) {
        int t = x.size(-2);
        if (offset + t > maxPositions) {
            throw new IllegalArgumentException("RotaryEmbedding: positions " + offset + ".." + (offset + t - 1)
                    + " exceed the maximum sequence length " + maxPositions);
        }
        return Functional.rope(x, cos, sin, offset);
    }
}
