package dev.seedling.models.residual;

import dev.seedling.models.norm.NormLayer;
import dev.seedling.tensor.Tensor;

import java.util.function.UnaryOperator;

/** Pre-Norm: {@code h + T(Norm(h))}. */
public final class PreNormSite extends ResidualSite {
    private final NormLayer norm;

    public PreNormSite(NormLayer norm) {
        this.norm = child("norm", norm);
    }

    @Override
    public Tensor apply(Tensor h, UnaryOperator<Tensor> sublayer) {
        return h.add(sublayer.apply(norm.forward(h)));
    }
}
