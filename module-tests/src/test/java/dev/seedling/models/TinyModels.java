package dev.seedling.models;

import dev.seedling.models.optim.AdamW;
import dev.seedling.models.transformer.TransformerConfig;
import dev.seedling.models.transformer.TransformerLM;
import dev.seedling.tensor.Tensor;

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

    /** Trains {@code model} with AdamW (lr 1e-2) on cyclic batches of 8×16; returns {first loss, last loss}. */
    public static float[] trainOnCycles(TransformerLM model, int steps) {
        AdamW opt = AdamW.of(model.namedParameters(), 0f);
        float first = Float.NaN;
        float last = Float.NaN;
        for (int step = 0; step < steps; step++) {
            long[][] b = cyclicBatch(8, 16, step);
            Tensor loss = model.loss(Tensor.ofLongs(b[0], 8, 16), Tensor.ofLongs(b[1], 8, 16));
            opt.zeroGrad();
            loss.backward();
            opt.step(1e-2);
            last = loss.item();
            if (step == 0) {
                first = last;
            }
        }
        return new float[]{first, last};
    }
}
