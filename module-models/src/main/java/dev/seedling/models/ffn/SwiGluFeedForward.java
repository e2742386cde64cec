package dev.seedling.models.ffn;

import dev.seedling.models.nn.Linear;
import dev.seedling.tensor.Functional;
import dev.seedling.tensor.Tensor;

/** SwiGLU: {@code down(silu(gate(x)) ⊙ up(x))}, no biases (Shazeer 2020; the Llama layout and names). */
public final class SwiGluFeedForward extends FeedForward {
    private final Linear gate;
    private final Linear up;
    private final Linear down;

    public SwiGluFeedForward(Linear gate, Linear up, Linear down) {
        this.gate = child("gate_proj", gate);
        this.up = child("up_proj", up);
        this.down = child("down_proj", down);
    }

    @Override
    public Tensor forward(Tensor x) {
        return down.forward(Functional.swiglu(gate.forward(x), up.forward(x)));
    }
}
