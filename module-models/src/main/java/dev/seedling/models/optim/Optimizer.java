package dev.seedling.models.optim;

import dev.seedling.models.Parameter;
import dev.seedling.tensor.Tensor;

import java.util.Map;

/**
 * Updates parameters in place from their gradients. Parameters are given by checkpoint name so the optimiser state can
 * be saved and restored under the same names. Not thread-safe.
 */
public interface Optimizer {
    /** Applies one update, each parameter at the rate {@code rates} gives it. */
    void step(LearningRates rates);

    /** Applies one update with base learning rate {@code lr} (each parameter's {@code lrScale} multiplies it). */
    default void step(double lr) {
        step(LearningRates.uniform(lr));
    }

    /** Number of updates applied so far. */
    long steps();

    /** The state tensors by name ({@code <param>.exp_avg}, ...) plus nothing else; for checkpoints. */
    Map<String, Tensor> state();

    /** Restores {@link #state()} and the step count; shapes must match. */
    void loadState(Map<String, Tensor> state, long steps);

    /** The parameters it updates, by name. */
    Map<String, Parameter> parameters();

    /** Clears every parameter's gradient. */
    default void zeroGrad() {
        parameters().values().forEach(p -> p.value().zeroGrad());
    }
}
