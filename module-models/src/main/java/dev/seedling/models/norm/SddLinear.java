package dev.seedling.models.norm;

import dev.seedling.models.Module;
import dev.seedling.models.Parameter;
import dev.seedling.models.nn.Projection;
import dev.seedling.tensor.Functional;
import dev.seedling.tensor.Tensor;

/**
 * The Scale-Distribution-Decoupling linear (Wang et al., arXiv 2502.15499, eq. 5): {@code y = α ⊙ norm(V x)} with
 * {@code norm(z) = z / √(mean(z²) + eps)} over the output features. The weight {@code V [out, in]} only sets the
 * direction (the output is invariant to rescaling V or x), the learnable vector {@code alpha [out]} the scale. It is
 * exactly a bias-free linear followed by an RMSNorm whose gain is α (the official drop-in).
 */
public final class SddLinear extends Module implements Projection {
    private final Parameter weight;
    private final Parameter alpha;
    private final float eps;

    /** With initial {@code V [out, in]} and every α initialised to {@code alphaInit}. */
    public SddLinear(Tensor initialWeight, float alphaInit, float eps) {
        if (initialWeight.rank() != 2) {
            throw new IllegalArgumentException("SddLinear: weight must be [out, in] but is " + initialWeight.shape());
        }
        this.weight = parameter("weight", Parameter.decayed(initialWeight));
        this.alpha = parameter("alpha", Parameter.undecayed(Tensor.full(alphaInit, initialWeight.size(0))));
        this.eps = eps;
    }

    public Tensor weight() {
        return weight.value();
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.rmsNorm(x.matmul(weight.value().mT()), alpha.value(), eps); // α ⊙ norm(Vx)
    }
}
