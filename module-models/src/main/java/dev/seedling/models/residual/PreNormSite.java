package dev.seedling.models.residual;

import dev.seedling.models.norm.NormLayer;
import dev.seedling.tensor.Tensor;

import java.util.function.UnaryOperator;

/** Pre-Norm: the connection feeds the sublayer {@code T(Norm(·))}; with the plain add, {@code h + T(Norm(h))}. */
public final class PreNormSite extends ResidualSite {
    private final NormLayer norm;
    private final Connection connection;

    /** Pre-Norm with the plain residual add. */
    public PreNormSite(NormLayer norm) {
        this(norm, new AddConnection());
    }

    public PreNormSite(NormLayer norm, Connection connection) {
        this.norm = child("norm", norm);
        this.connection = child("connection", connection);
    }

    @Override
    public Tensor apply(Tensor h, UnaryOperator<Tensor> sublayer) {
        return connection.apply(h, x -> sublayer.apply(norm.forward(x)));
    }
}
