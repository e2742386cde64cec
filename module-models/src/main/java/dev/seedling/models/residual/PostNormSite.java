package dev.seedling.models.residual;

import dev.seedling.models.norm.NormLayer;
import dev.seedling.tensor.Tensor;

import java.util.function.UnaryOperator;

/** Post-Norm (the original Transformer): {@code Norm(h + T(h))}. */
public final class PostNormSite extends ResidualSite {
    private final NormLayer norm;

    public PostNormSite(NormLayer norm) {
        this.norm = child("norm", norm);
    }

    @Override
    public Tensor apply(Tensor h, UnaryOperator<Tensor> sublayer) {
        return norm.forward(h.add(sublayer.apply(h)));
    }
}
