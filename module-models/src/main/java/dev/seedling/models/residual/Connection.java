package dev.seedling.models.residual;

import dev.seedling.models.Module;
import dev.seedling.tensor.Tensor;

import java.util.function.UnaryOperator;

/**
 * How one sublayer {@code T} reads the residual stream and writes back: the plain add {@code h + T(h)}
 * ({@link AddConnection}), {@link HyperConnections} or {@link FracConnections}. A {@link ResidualSite} places its
 * norms around a connection; the connection only replaces the residual add.
 */
public abstract class Connection extends Module {
    /**
     * The new stream after {@code sublayer} has read from and written to {@code stream}. The sublayer maps
     * {@code [..., d]} to {@code [..., d]}; the stream is {@code [B, T, d]}, or {@code [B, T, n, d]} for
     * Hyper-Connections.
     */
    public abstract Tensor apply(Tensor stream, UnaryOperator<Tensor> sublayer);
}
