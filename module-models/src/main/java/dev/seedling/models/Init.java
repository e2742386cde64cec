package dev.seedling.models;

import dev.seedling.tensor.Generator;
import dev.seedling.tensor.Tensor;

/**
 * Weight initialisers. Truncation is at ±3σ. The standard deviations of the common schemes:
 * "small init" σ = 1/√(2.5·d) (the GPT-NeoX/Megatron small init), and the depth-scaled σ/√(2L) used for output
 * projections so the residual stream's variance does not grow with depth.
 */
public final class Init {
    private Init() {
    }

    /** Normal(0, σ²). */
    public static Tensor normal(Generator gen, float std, int... shape) {
        return Tensor.normal(0, std, gen, shape);
    }

    /** Normal(0, σ²) truncated to ±3σ. */
    public static Tensor truncatedNormal(Generator gen, float std, int... shape) {
        return Tensor.truncatedNormal(0, std, -3 * std, 3 * std, gen, shape);
    }

    /** σ = 1/√(2.5·d). */
    public static float smallInitStd(int d) {
        return (float) (1 / Math.sqrt(2.5 * d));
    }

    /** σ/√(2L) for the output projections of an L-block model. */
    public static float depthScaled(float std, int layers) {
        return (float) (std / Math.sqrt(2.0 * layers));
    }
}
