package dev.seedling.models.memory;

import dev.seedling.tensor.Tensor;
import dev.seedling.tensor.TopK;

/**
 * The exact two-stage top-k of a product-key memory (Lample et al. 2019): with the score of slot {@code i·n + j}
 * additive, {@code s1[i] + s2[j]}, the k best slots are among the k×k sums of the per-half top-k, so two small top-k's
 * replace one over n² candidates.
 */
public final class ProductKeys {
    private ProductKeys() {
    }

    /**
     * The selection: {@code scores [T, k]} (differentiable in s1 and s2), and the slot of each, {@code i·n + j},
     * row-major {@code [T·k]}.
     */
    public record Selection(Tensor scores, long[] slots) {
    }

    /** The k best {@code s1[t, i] + s2[t, j]} of each row, for half-scores {@code s1, s2 [T, n]}. */
    public static Selection topK(Tensor s1, Tensor s2, int k) {
        int tokens = s1.size(0);
        int n = s1.size(1);
        TopK t1 = s1.topk(k, -1, true);                                       // PKM: top-k per half
        TopK t2 = s2.topk(k, -1, true);
        Tensor candidates = t1.values().unsqueeze(2).add(t2.values().unsqueeze(1)).reshape(tokens, k * k);
        TopK best = candidates.topk(k, -1, true);                             // top-k of the k² sums
        long[] i1 = t1.indices().toLongArray();
        long[] i2 = t2.indices().toLongArray();
        long[] sel = best.indices().toLongArray();
        long[] slots = new long[tokens * k];
        for (int t = 0; t < tokens; t++) {
            for (int j = 0; j < k; j++) {
                int c = (int) sel[t * k + j];
                slots[t * k + j] = i1[t * k + c / k] * n + i2[t * k + c % k];
            }
        }
        return new Selection(best.values(), slots);
    }
}
