package dev.seedling.models.norm;

import dev.seedling.models.Module;
import dev.seedling.tensor.Tensor;

/** A normalisation over the last dimension, chosen by name in a config ({@code rms}, {@code layer}). */
public abstract class NormLayer extends Module {
    /** Normalises {@code x [..., dim]}. */
    public abstract Tensor forward(Tensor x);

    /**
     * The configured kind with a learnable gain.
     *
     * @throws IllegalArgumentException naming the kind when it is unknown
     */
    public static NormLayer create(String kind, int dim, float eps) {
        return switch (kind) {
            case "rms" -> new RmsNorm(dim, eps, true);
            case "layer" -> new LayerNorm(dim, eps, true);
            default -> throw new IllegalArgumentException("unknown norm '" + kind + "' (expected rms or layer)");
        };
    }
}
