package dev.seedling.models.generate;

import java.util.Set;

/**
 * How to pick each next token.
 *
 * @param maxNewTokens upper bound on generated tokens
 * @param temperature  0 for greedy decoding; otherwise logits are divided by it before sampling
 * @param topK         keep only the k most likely tokens (0 = all)
 * @param topP         keep the smallest set of most likely tokens whose probability reaches p (1 = all)
 * @param seed         seed of the sampling generator
 * @param stopTokens   token ids that end generation (not emitted)
 */
public record SamplingOptions(int maxNewTokens, float temperature, int topK, float topP, long seed,
                              Set<Integer> stopTokens) {
    public SamplingOptions {
        if (maxNewTokens < 0) {
            throw new IllegalArgumentException("maxNewTokens must be >= 0 but is " + maxNewTokens);
        }
        if (!(temperature >= 0)) {
            throw new IllegalArgumentException("temperature must be >= 0 but is " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be >= 0 but is " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1] but is " + topP);
        }
        stopTokens = Set.copyOf(stopTokens);
    }

    /** Greedy decoding of up to {@code maxNewTokens}. */
    public static SamplingOptions greedy(int maxNewTokens) {
        return new SamplingOptions(maxNewTokens, 0f, 0, 1f, 0, Set.of());
    }
}
