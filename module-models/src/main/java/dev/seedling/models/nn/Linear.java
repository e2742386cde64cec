package dev.seedling.models.nn;

import dev.seedling.models.Module;
import dev.seedling.models.Parameter;
import dev.seedling.tensor.Tensor;

/** {@code y = x·Wᵀ + b} with {@code weight} of shape {@code [out, in]} (PyTorch's layout) and an optional bias. */
public final class Linear extends Module implements Projection {
    private final Parameter weight;
    private final Parameter bias;

    /** A linear map with the given initial weight {@code [out, in]} and, if {@code withBias}, a zero bias. */
    public Linear(Tensor initialWeight, boolean withBias) {
        if (initialWeight.rank() != 2) {
            throw new IllegalArgumentException("Linear: weight must be [out, in] but is " + initialWeight.shape());
        }
        this.weight = parameter("weight", Parameter.decayed(initialWeight));
        this.bias = withBias ? parameter("bias", Parameter.undecayed(Tensor.zeros(initialWeight.size(0)))) : null;
    }

    public int inFeatures() {
        return weight.value().size(1);
    }

    public int outFeatures() {
        return weight.value().size(0);
    }

    public Tensor weight() {
        return weight.value();
    }

    /** {@code x [..., in]} to {@code [..., out]}. */
    @Override
    public Tensor forward(Tensor x) {
        if (x.size(-1) != inFeatures()) {
            throw new IllegalArgumentException("Linear: input " + x.shape() + " has last dimension " + x.size(-1)
                    + " but the layer expects " + inFeatures());
        }
        Tensor y = x.matmul(weight.value().mT());
        return bias == null ? y : y.add(bias.value());
    }
}
