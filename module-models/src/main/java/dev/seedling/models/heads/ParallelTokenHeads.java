package dev.seedling.models.heads;

import dev.seedling.models.nn.Linear;
import dev.seedling.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Parallel future-token heads (over-decoding's factorised approximation; Gloeckle et al.'s MTP with a shared
 * unembedding): head j applies its own linear map {@code W_j : d → d} to the trunk's final hidden state and then the
 * shared output head, {@code logits_j = head(W_j·h_t)} predicting {@code x_{t+j}}. Parameters:
 * {@code <k>.proj.weight [d, d]} for head k + 2.
 */
public final class ParallelTokenHeads extends MultiTokenPrediction {
    private final List<Linear> projections = new ArrayList<>();

    /** @param projections {@code W_2..W_n}; @param weights λ_2..λ_n */
    public ParallelTokenHeads(List<Linear> projections, float[] weights) {
        super(weights);
        if (projections.size() != weights.length) {
            throw new IllegalArgumentException("ParallelTokenHeads: " + projections.size() + " projections for "
                    + weights.length + " loss weights");
        }
        for (Linear p : projections) {
            this.projections.add(p);
            child(Integer.toString(this.projections.size() - 1), new Head(p));
        }
    }

    @Override
    public List<Tensor> logits(Tensor hidden, Tensor embedded, UnaryOperator<Tensor> head) {
        List<Tensor> out = new ArrayList<>();
        for (Linear w : projections) {
            out.add(head.apply(w.forward(hidden)));                 // head(W_j·h_t) → x_{t+j}
        }
        return out;
    }

    /** One head's parameters, named {@code proj}. */
    private static final class Head extends dev.seedling.models.Module {
        Head(Linear proj) {
            child("proj", proj);
        }
    }
}
