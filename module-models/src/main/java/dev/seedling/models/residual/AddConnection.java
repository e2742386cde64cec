package dev.seedling.models.residual;

import dev.seedling.tensor.Tensor;

import java.util.function.UnaryOperator;

/** The plain residual connection {@code h + T(h)}; no parameters. */
public final class AddConnection extends Connection {
    @Override
    public Tensor apply(Tensor h, UnaryOperator<Tensor> sublayer) {
        return h.add(sublayer.apply(h));
    }
}
