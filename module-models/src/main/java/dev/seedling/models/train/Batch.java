package dev.seedling.models.train;

import dev.seedling.tensor.Tensor;

/** Token ids {@code [B, T]} and next-token targets {@code [B, T]} (I64; -100 is ignored). */
public record Batch(Tensor inputs, Tensor targets) {
    public Batch {
        if (!inputs.shape().equals(targets.shape()) || inputs.rank() != 2) {
            throw new IllegalArgumentException("Batch: inputs " + inputs.shape() + " and targets " + targets.shape()
                    + " must both be [batch, time]");
        }
    }

    /** Tokens in the batch. */
    public long tokens() {
        return inputs.numel();
    }
}
