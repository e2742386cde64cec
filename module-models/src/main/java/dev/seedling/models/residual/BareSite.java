package dev.seedling.models.residual;

import dev.seedling.tensor.Tensor;

import java.util.function.UnaryOperator;

/** No norm at the site ({@code h + T(h)} with the plain add): HybridNorm's attention, whose norms sit inside. */
public final class BareSite extends ResidualSite {
    private final Connection connection;

    public BareSite(Connection connection) {
        this.connection = child("connection", connection);
    }

    @Override
    public Tensor apply(Tensor h, UnaryOperator<Tensor> sublayer) {
        return connection.apply(h, sublayer);
    }
}
