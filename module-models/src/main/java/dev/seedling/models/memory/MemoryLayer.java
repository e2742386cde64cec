package dev.seedling.models.memory;

import dev.seedling.models.Module;
import dev.seedling.tensor.Tensor;

/**
 * A memory layer of the LM: maps the hidden states it reads, {@code [..., d_model]}, to a contribution
 * {@code [..., d_model]} that the model adds to the residual stream (see {@link MemoryPlacement}). Tokens are
 * independent, so cached decoding equals the full forward. Value tables take row-sparse gradients only.
 */
public abstract class MemoryLayer extends Module {

    /** The memory's output for hidden states {@code x [..., d_model]}. */
    public abstract Tensor forward(Tensor x);

    /** The auxiliary training loss of this layer (already times its coefficient), or {@code null} if it has none. */
    public Tensor auxiliaryLoss() {
        return null;
    }

    /** Called before every training step (UltraMem refreshes its rank-1 coarse-stage vectors here). */
    public void beforeTrainingStep() {
    }
}
