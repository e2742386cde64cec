package dev.seedling.models.ffn;

import dev.seedling.models.Module;
import dev.seedling.tensor.Tensor;

/** A position-wise feed-forward sublayer {@code [..., d] -> [..., d]}; the kind is a config choice. */
public abstract class FeedForward extends Module {
    public abstract Tensor forward(Tensor x);
}
