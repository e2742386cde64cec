package dev.seedling.models.residual;

import dev.seedling.models.norm.NormLayer;
import dev.seedling.tensor.Tensor;

import java.util.function.UnaryOperator;

/**
 * Post-Norm as in the original Transformer: the norm follows the residual add, {@code Norm(h + T(h))} (config
 * {@code post}). Compare {@link NormedResidualSite}, the Post-Norm of the OLMo-based papers.
 */
public final class PostNormSite extends ResidualSite {
    private final NormLayer norm;
    private final Connection connection;

    /** Post-Norm with the plain residual add. */
    public PostNormSite(NormLayer norm) {
        this(norm, new AddConnection());
    }

    public PostNormSite(NormLayer norm, Connection connection) {
        this.norm = child("norm", norm);
        this.connection = child("connection", connection);
    }

    @Override
    public Tensor apply(Tensor h, UnaryOperator<Tensor> sublayer) {
        return norm.forward(connection.apply(h, sublayer));
    }
}
