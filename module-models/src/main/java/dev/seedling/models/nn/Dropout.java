package dev.seedling.models.nn;

import dev.seedling.models.Module;
import dev.seedling.tensor.Generator;
import dev.seedling.tensor.Tensor;

/** Inverted dropout: in training, zeroes each element with probability {@code p} and scales the rest by 1/(1-p). */
public final class Dropout extends Module {
    private final float p;
    private final Generator generator;

    public Dropout(float p, Generator generator) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("Dropout: p must be in [0, 1) but is " + p);
        }
        this.p = p;
        this.generator = generator;
    }

    public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0) {
            return x;
        }
        Tensor keep;
        try (var s = dev.seedling.Seedling.use(x.backend())) {
            keep = Tensor.rand(generator, x.dims()).gt(p);
        }
        return x.mul(keep).mul(1 / (1 - p));
    }
}
