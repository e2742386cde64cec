package dev.seedling.models.ffn;

import dev.seedling.models.nn.Linear;
import dev.seedling.tensor.Tensor;

/** The GPT-style MLP: {@code down(gelu(up(x)))} with the exact (erf) GELU. */
public final class GeluFeedForward extends FeedForward {
    private final Linear up;
    private final Linear down;

    public GeluFeedForward(Linear up, Linear down) {
        this.up = child("up_proj", up);
        this.down = child("down_proj", down);
    }

    @Override
    public Tensor forward(Tensor x) {
        return down.forward(up.forward(x).gelu());
    }
}
