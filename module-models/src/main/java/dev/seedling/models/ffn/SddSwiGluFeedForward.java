package dev.seedling.models.ffn;

import dev.seedling.models.Parameter;
import dev.seedling.models.nn.Linear;
import dev.seedling.models.norm.SddLinear;
import dev.seedling.tensor.Functional;
import dev.seedling.tensor.Tensor;

/**
 * SwiGLU with Scale-Distribution Decoupling as in the released SDD dense model: the fused first projection
 * {@code [gate(x) | up(x)]} is normalised jointly (one RMS over 2·ffn_hidden) with gain {@code gate_up_alpha}
 * (init 1), and the second projection is an {@link SddLinear} whose α starts at {@code downAlphaInit}
 * (1/√(2L)): {@code f = α₂ ⊙ norm(W_down (silu(g) ⊙ u))}, {@code [g | u] = α₁ ⊙ norm([W_gate x | W_up x])}.
 */
public final class SddSwiGluFeedForward extends FeedForward {
    private final Linear gate;
    private final Linear up;
    private final Parameter gateUpAlpha;
    private final SddLinear down;
    private final float eps;

    public SddSwiGluFeedForward(Linear gate, Linear up, SddLinear down, float eps) {
        this.gate = child("gate_proj", gate);
        this.up = child("up_proj", up);
        this.gateUpAlpha = parameter("gate_up_alpha", Parameter.undecayed(Tensor.ones(2 * gate.outFeatures())));
        this.down = child("down_proj", down);
        this.eps = eps;
    }

    @Override
    public Tensor forward(Tensor x) {
        int hidden = gate.outFeatures();
        Tensor fused = Functional.rmsNorm(Tensor.cat(-1, gate.forward(x), up.forward(x)), gateUpAlpha.value(), eps);
        return down.forward(fused.narrow(-1, 0, hidden).silu().mul(fused.narrow(-1, hidden, hidden)));
    }
}
