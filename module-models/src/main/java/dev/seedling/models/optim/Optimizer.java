package dev.seedling.models.optim;

import dev.seedling.models.Parameter;
import dev.seedling.tensor.RowSparseGrad;
import dev.seedling.tensor.Tensor;

import java.util.Map;

/**
 * Updates parameters in place from their gradients. Parameters are given by checkpoint name so the optimiser state can
 * be saved and restored under the same names. An optimiser keeps no reference to a gradient past {@link #step}
 * (state it derives from one is a copy), so a loop may {@link #releaseGradients release} them after the step. Not
 * thread-safe.
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

    /**
     * Clears every parameter's gradient, dense and row-sparse, and releases its storage at once for the backend to
     * reuse (on the CPU: the next step's gradients take the same arrays) instead of leaving it to the collector. For a
     * loop that owns the gradients, as {@code Trainer} does: a gradient used after this fails as released.
     */
    default void releaseGradients() {
        for (Parameter p : parameters().values()) {
            Tensor t = p.value();
            if (t.grad() != null) {
                t.grad().close();
            }
            RowSparseGrad sparse = t.sparseGrad();
            if (sparse != null) {
                sparse.indices().close();
                sparse.values().close();
            }
            t.zeroGrad();
        }
    }
}
