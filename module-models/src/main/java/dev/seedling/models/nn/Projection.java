package dev.seedling.models.nn;

import dev.seedling.tensor.Tensor;

/** A learned map {@code [..., in] -> [..., out]} that a sublayer may take in place of a plain {@link Linear}. */
public interface Projection {
    /** {@code x [..., in]} to {@code [..., out]}. */
    Tensor forward(Tensor x);
}
