package dev.seedling.models.activation;

import dev.seedling.models.Module;
import dev.seedling.models.Parameter;
import dev.seedling.tensor.Tensor;

/**
 * A PolyCom activation of order r: a learnable polynomial {@code Σ_{i=1..r} a_i·ρ_i(x) + a0} with scalar coefficients
 * shared by all features. Parameters, in the layout of the official code (so released checkpoints load):
 * {@code weight [r]} with {@code weight[0]} the coefficient of the highest power r, {@code weight[r-1]} that of the
 * linear term (the reverse of the maths), and {@code bias [1]} = {@code a0}. Initialisation as the official code:
 * every {@code a_i = 1/r} (1/3 for r = 3), {@code a0 = 0}. Both are excluded from weight decay, as the official MoE
 * optimiser does. Everything is computed in F32.
 */
public abstract sealed class PolyActivation extends Module permits PolyReLU, PolyNorm {
    private final int order;
    private final Parameter weight;
    private final Parameter bias;

    protected PolyActivation(int order) {
        if (order < 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": order must be at least 1 but is "
                    + order);
        }
        this.order = order;
        this.weight = parameter("weight", Parameter.undecayed(Tensor.full(1f / order, order)));
        this.bias = parameter("bias", Parameter.undecayed(Tensor.zeros(1)));
    }

    /** The order r. */
    public int order() {
        return order;
    }

    /** {@code weight [r]}: the coefficient of power i is {@code weight[r - i]}. */
    public Tensor weight() {
        return weight.value();
    }

    /** {@code bias [1]}: the constant a0. */
    public Tensor bias() {
        return bias.value();
    }

    /** Elementwise over any shape ({@link PolyNorm} normalises over the last dimension). */
    public abstract Tensor forward(Tensor x);

    /** The coefficient {@code a_i} of power {@code i ∈ [1, r]} as a 1-element tensor (differentiable). */
    protected final Tensor coefficient(int power) {
        return weight.value().narrow(0, order - power, 1);
    }
}
