package dev.seedling.models.transformer;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The {@code multi_token} block of the model config: extra training heads that predict tokens further ahead
 * (over-decoding). {@link #OFF} keeps the single next-token head. Generation always uses the next-token head only.
 *
 * @param mode        {@code none}, {@code parallel} ({@link dev.seedling.models.heads.ParallelTokenHeads}) or
 *                    {@code sequential} ({@link dev.seedling.models.heads.SequentialMtp}, DeepSeek-V3's MTP)
 * @param heads       n: total heads including the next-token head (1 with mode {@code none})
 * @param lossWeights λ_2..λ_n (n − 1 values); empty = 0.1 each
 */
public record MultiTokenConfig(
        @JsonProperty("mode") String mode,
        @JsonProperty("heads") int heads,
        @JsonProperty("loss_weights") List<Float> lossWeights) {

    /** Off: one next-token head. */
    public static final MultiTokenConfig OFF = new MultiTokenConfig("none", 1, List.of());

    public MultiTokenConfig {
        lossWeights = lossWeights == null ? List.of() : List.copyOf(lossWeights);
        if (!List.of("none", "parallel", "sequential").contains(mode)) {
            throw new IllegalArgumentException("config: multi_token.mode is '" + mode
                    + "' but must be one of none, parallel, sequential");
        }
        if (mode.equals("none") ? heads != 1 : heads < 2) {
            throw new IllegalArgumentException("config: multi_token.heads is " + heads + " but must be 1 with mode "
                    + "none and at least 2 otherwise");
        }
        if (!lossWeights.isEmpty() && lossWeights.size() != heads - 1) {
            throw new IllegalArgumentException("config: multi_token.loss_weights has " + lossWeights.size()
                    + " values but heads " + heads + " needs " + (heads - 1) + " (or none for 0.1 each)");
        }
    }

    /** Whether extra heads are on. */
    public boolean enabled() {
        return !mode.equals("none");
    }

    /** λ_2..λ_n. */
    public float[] weights() {
        float[] w = new float[heads - 1];
        for (int i = 0; i < w.length; i++) {
            w[i] = lossWeights.isEmpty() ? 0.1f : lossWeights.get(i);
        }
        return w;
    }
}
