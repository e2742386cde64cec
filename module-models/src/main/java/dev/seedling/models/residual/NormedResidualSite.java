package dev.seedling.models.residual;

import dev.seedling.models.norm.NormLayer;
import dev.seedling.tensor.Tensor;

import java.util.function.UnaryOperator;

/**
 * "Residual after norm", the Post-Norm of the OLMo-based HybridNorm and SDD code: the stream is replaced by its
 * normalised value, which is both the sublayer input and the residual, {@code x = Norm(h); x + T(x)}. With
 * Hyper-Connections every stream row is normalised; with Frac-Connections the full-width hidden state, before the
 * split.
 */
public final class NormedResidualSite extends ResidualSite {
    private final NormLayer norm;
    private final Connection connection;

    public NormedResidualSite(NormLayer norm, Connection connection) {
        this.norm = child("norm", norm);
        this.connection = child("connection", connection);
    }

    @Override
    public Tensor apply(Tensor h, UnaryOperator<Tensor> sublayer) {
        return connection.apply(norm.forward(h), sublayer);
    }
}
