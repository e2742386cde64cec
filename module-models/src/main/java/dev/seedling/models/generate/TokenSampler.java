package dev.seedling.models.generate;

import dev.seedling.tensor.Generator;

import java.util.Arrays;

/** Picks a token from one row of logits per {@link SamplingOptions}; host-side, O(V log V) at most. */
public final class TokenSampler {
    private final SamplingOptions options;
    private final Generator generator;

    public TokenSampler(SamplingOptions options) {
        this.options = options;
        this.generator = new Generator(options.seed());
    }

    /** The next token id for {@code logits} (one vocabulary row). Ties in greedy mode go to the lowest id. */
    public int next(float[] logits) {
        if (options.temperature() == 0) {
            int best = 0;
            for (int i = 1; i < logits.length; i++) {
                if (logits[i] > logits[best]) {
                    best = i;
                }
            }
            return best;
        }
        Integer[] order = new Integer[logits.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(logits[b], logits[a]));
        int keep = options.topK() > 0 ? Math.min(options.topK(), logits.length) : logits.length;
        double max = logits[order[0]];
        double[] p = new double[keep];
        double total = 0;
        for (int i = 0; i < keep; i++) {
            p[i] = Math.exp((logits[order[i]] - max) / options.temperature());
            total += p[i];
        }
        // nucleus: the smallest prefix whose mass reaches topP
        double mass = 0;
        int cut = keep;
        for (int i = 0; i < keep; i++) {
            mass += p[i] / total;
            if (mass >= options.topP()) {
                cut = i + 1;
                break;
            }
        }
        double kept = 0;
        for (int i = 0; i < cut; i++) {
            kept += p[i];
        }
        double u = generator.nextFloat() * kept;
        for (int i = 0; i < cut; i++) {
            u -= p[i];
            if (u < 0) {
                return order[i];
            }
        }
        return order[cut - 1];
    }
}
