package dev.seedling.models;

import dev.seedling.tensor.Tensor;

/**
 * A learnable tensor of a {@link Module}: a leaf that requires grad, updated in place by optimisers. Its checkpoint
 * name is its path in the module tree ({@code blocks.3.attn.q_proj.weight}), assigned by {@link Module}.
 *
 * @param value       the tensor (identity never changes; optimisers write into it under no-grad)
 * @param weightDecay whether decoupled weight decay applies (off for norms, biases, gates by convention)
 * @param lrScale     multiplier on the learning rate of its optimiser group
 */
public record Parameter(Tensor value, boolean weightDecay, float lrScale) {
    public Parameter {
        if (!value.requiresGrad()) {
            value.requiresGrad(true);
        }
    }

    /** A parameter with weight decay and learning-rate scale 1. */
    public static Parameter decayed(Tensor value) {
        return new Parameter(value, true, 1f);
    }

    /** A parameter without weight decay (norm gains, biases, mixing scalars). */
    public static Parameter undecayed(Tensor value) {
        return new Parameter(value, false, 1f);
    }
}
