package dev.seedling.models.norm;

import dev.seedling.models.Parameter;
import dev.seedling.tensor.Functional;
import dev.seedling.tensor.Tensor;

/** {@code (x - mean) / √(var + eps) · g + b} over the last dimension (biased variance), affine optional. */
public final class LayerNorm extends NormLayer {
    private final Parameter weight;
    private final Parameter bias;
    private final float eps;

    public LayerNorm(int dim, float eps, boolean affine) {
        this.eps = eps;
        this.weight = affine ? parameter("weight", Parameter.undecayed(Tensor.ones(dim))) : null;
        this.bias = affine ? parameter("bias", Parameter.undecayed(Tensor.zeros(dim))) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.layerNorm(x, weight == null ? null : weight.value(), bias == null ? null : bias.value(),
                eps);
    }
}
