package dev.seedling.models.residual;

import dev.seedling.models.Module;
import dev.seedling.tensor.Tensor;

import java.util.function.UnaryOperator;

/**
 * One residual site: the place where a sublayer (attention or FFN) reads the residual stream and writes back. The
 * site owns the norms that its layout places around the sublayer. A block has two sites.
 */
public abstract class ResidualSite extends Module {
    /** The new stream after {@code sublayer} has been applied at this site. */
    public abstract Tensor apply(Tensor stream, UnaryOperator<Tensor> sublayer);
}
