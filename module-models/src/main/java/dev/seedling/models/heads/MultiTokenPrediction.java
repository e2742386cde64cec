package dev.seedling.models.heads;

import dev.seedling.Seedling;
import dev.seedling.models.Module;
import dev.seedling.tensor.Functional;
import dev.seedling.tensor.Tensor;

import java.util.function.UnaryOperator;

/**
 * Extra heads that predict tokens further ahead: head j (j = 2..n) predicts {@code x_{t+j}} from position t. Their
 * loss is {@code Σ_{j=2..n} λ_j·CE(head_j, x_{t+j})}, added to the next-token loss (λ_1 = 1) by the model
 * (over-decoding's {@code L = Σ_j λ_j·CE(head_j(h_t), x_{t+j})}). Every head ends in the model's shared output head.
 */
public abstract class MultiTokenPrediction extends Module {
    private final float[] weights;

    /** @param weights λ_2..λ_n, one per extra head */
    protected MultiTokenPrediction(float[] weights) {
        if (weights.length == 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": needs at least one extra head");
        }
        this.weights = weights.clone();
    }

    /** Number of extra heads (n − 1). */
    public int extraHeads() {
        return weights.length;
    }

    /** λ_j of head j = 2..n. */
    public float weight(int head) {
        return weights[head - 2];
    }

    /**
     * Logits of the extra heads, {@code [B, T, vocab]} each, for heads 2..n in order.
     *
     * @param hidden   the trunk's output after its final norm, {@code [B, T, d]}
     * @param embedded the input embedding of the same ids, {@code [B, T, d]} (the sequential module reads
     *                 {@code e_{t+k}} from it)
     * @param head     the model's shared output head {@code [..., d] → [..., vocab]}
     */
    public abstract java.util.List<Tensor> logits(Tensor hidden, Tensor embedded, UnaryOperator<Tensor> head);

    /**
     * {@code Σ_j λ_j·CE(logits_j, x_{t+j})} with the next-token targets {@code targets [B, T]} ({@code x_{t+1}},
     * ignore index −100); positions whose target would lie past the sequence are ignored.
     */
    public Tensor loss(Tensor hidden, Tensor embedded, Tensor targets, UnaryOperator<Tensor> head) {
        var all = logits(hidden, embedded, head);
        Tensor loss = null;
        for (int j = 2; j <= weights.length + 1; j++) {
            Tensor shifted = shiftedTargets(targets, j);
            if (shifted == null) {
                continue;
            }
            Tensor term = Functional.crossEntropy(all.get(j - 2), shifted).mul(weight(j));
            loss = loss == null ? term : loss.add(term);
        }
        return loss;
    }

    /**
     * The targets of head j: {@code x_{t+j} = targets[t + j − 1]}, −100 where that is past the end; null when no
     * position of the sequence has a target for head j.
     */
    public static Tensor shiftedTargets(Tensor targets, int j) {
        int b = targets.size(0);
        int len = targets.size(1);
        long[] t = targets.toLongArray();
        long[] out = new long[b * len];
        boolean any = false;
        for (int row = 0; row < b; row++) {
            for (int i = 0; i < len; i++) {
                int src = i + j - 1;
                out[row * len + i] = src < len ? t[row * len + src] : -100;
                any |= src < len && t[row * len + src] != -100;
            }
        }
        if (!any) {
            return null;
        }
        try (var s = Seedling.use(targets.backend())) {
            return Tensor.ofLongs(out, b, len);
        }
    }
}
