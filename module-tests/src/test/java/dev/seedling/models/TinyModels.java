package dev.seedling.models;

import dev.seedling.models.transformer.TransformerConfig;

/** Small models and synthetic data shared by the model, generation and trainer tests. */
public final class TinyModels {
    private TinyModels() {
    }

    /** vocab 16, d 32, 2 layers, 4 heads over 2 kv heads, FFN 64, 24 positions. */
    public static TransformerConfig tiny(String layout, String ffn) {
        return TransformerConfig.small().toBuilder().vocabSize(16).dModel(32).layers(2).heads(4).kvHeads(2)
                .ffnHidden(64).maxSeqLen(24).normLayout(layout).ffn(ffn).seed(7).build();
    }

    /** Batches of the cyclic sequence s, s+1, ... (mod 8) from random starts: fully predictable after one token. */
    public static long[][] cyclicBatch(int batch, int len, int seed) {
        java.util.Random r = new java.util.Random(seed);
        long[] in = new long[batch * len];
        long[] target = new long[batch * len];
        for (int b = 0; b < batch; b++) {
            int s = r.nextInt(8);
            for (int t = 0; t < len; t++) {
                in[b * len + t] = (s + t) % 8;
                target[b * len + t] = (s + t + 1) % 8;
            }
        }
        return new long[][]{in, target};
    }
}
