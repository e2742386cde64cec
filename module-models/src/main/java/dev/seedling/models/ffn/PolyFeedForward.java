package dev.seedling.models.ffn;

import dev.seedling.models.activation.PolyActivation;
import dev.seedling.models.nn.Linear;
import dev.seedling.tensor.Tensor;

/**
 * PolyCom's gate-free FFN: {@code down(Poly(up(x)))} with {@link dev.seedling.models.activation.PolyReLU} or
 * {@link dev.seedling.models.activation.PolyNorm}. To match a SwiGLU FFN's parameters its hidden width is 1.5× the
 * SwiGLU width ({@link #matchedHidden}): {@code 2·d·1.5h = 3·d·h}.
 *
 * <p>As a dense FFN the activation is its child {@code act}. As an MoE expert the activation's coefficients belong to
 * the MoE layer and are shared by all its experts (the official OLMoE code): pass {@code ownsActivation = false}, and
 * the MoE registers the activation once.
 */
public final class PolyFeedForward extends FeedForward {
    private final Linear up;
    private final PolyActivation act;
    private final Linear down;

    public PolyFeedForward(Linear up, PolyActivation act, Linear down, boolean ownsActivation) {
        this.up = child("up_proj", up);
        this.act = ownsActivation ? child("act", act) : act;
        this.down = child("down_proj", down);
    }

    /** The hidden width with the parameters of a SwiGLU FFN of hidden width {@code swigluHidden}: {@code 3h/2}. */
    public static int matchedHidden(int swigluHidden) {
        return swigluHidden * 3 / 2;
    }

    @Override
    public Tensor forward(Tensor x) {
        return down.forward(act.forward(up.forward(x)));
    }
}
