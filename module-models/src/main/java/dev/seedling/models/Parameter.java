package dev.seedling.models;

import dev.seedling.tensor.Tensor;

import java.util.function.LongToDoubleFunction;

/**
 * A learnable tensor of a {@link Module}: a leaf that requires grad, updated in place by optimisers. Its checkpoint
 * name is its path in the module tree ({@code blocks.3.attn.q_proj.weight}), assigned by {@link Module}.
 *
 * @param value       the tensor (identity never changes; optimisers write into it under no-grad)
 * @param weightDecay whether decoupled weight decay applies (off for norms, biases, gates by convention)
 * @param lrScale     multiplier on the learning rate of its optimiser group
 * @param lrSchedule  a further multiplier as a function of the optimiser step (0-based), e.g. UltraMem's decaying
 *                    value learning rate; constant 1 for ordinary parameters
 */
public record Parameter(Tensor value, boolean weightDecay, float lrScale, LongToDoubleFunction lrSchedule) {
    public Parameter {
        if (!value.requiresGrad()) {
            value.requiresGrad(true);
        }
        if (lrSchedule == null) {
            lrSchedule = step -> 1.0;
        }
    }

    /** A parameter with a constant learning-rate multiplier {@code lrScale}. */
    public Parameter(Tensor value, boolean weightDecay, float lrScale) {
        this(value, weightDecay, lrScale, null);
    }

    /** The multiplier on the base learning rate at optimiser step {@code step} (0-based). */
    public double lrMultiplier(long step) {
        return lrScale * lrSchedule.applyAsDouble(step);
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
