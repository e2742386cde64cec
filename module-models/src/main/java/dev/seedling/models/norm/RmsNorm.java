package dev.seedling.models.norm;

import dev.seedling.models.Parameter;
import dev.seedling.tensor.Functional;
import dev.seedling.tensor.Tensor;

/**
 * {@code g ⊙ x / √(mean(x²) + eps)} over the last dimension. Usable per head: applied to {@code [..., heads, headDim]}
 * with a {@code headDim} weight, one weight is shared by all heads.
 */
public final class RmsNorm extends NormLayer {
    private final Parameter weight;
    private final float eps;

    /** With a learnable gain initialised to ones ({@code affine}), or none. */
    public RmsNorm(int dim, float eps, boolean affine) {
        this.eps = eps;
        this.weight = affine ? parameter("weight", Parameter.undecayed(Tensor.ones(dim))) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.rmsNorm(x, weight == null ? null : weight.value(), eps);
    }
}
