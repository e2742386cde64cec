package dev.seedling.models.optim;

import dev.seedling.autograd.GradMode;
import dev.seedling.models.Parameter;
import dev.seedling.tensor.Tensor;

import java.util.Collection;

/** Clipping by global norm, as {@code torch.nn.utils.clip_grad_norm_}. */
public final class GradientClipping {
    private GradientClipping() {
    }

    /**
     * Scales every gradient by {@code min(1, maxNorm / (‖g‖ + 1e-6))} where ‖g‖ is the L2 norm over all gradients;
     * returns that norm (before clipping). NaN or Inf norms are returned unchanged and nothing is scaled.
     */
    public static double clipGlobalNorm(Collection<Parameter> params, double maxNorm) {
        double sq = 0;
        try (var ng = GradMode.noGrad()) {
            for (Parameter p : params) {
                Tensor g = p.value().grad();
                if (g != null) {
                    sq += g.square().sum().item();
                }
            }
            double norm = Math.sqrt(sq);
            if (!Double.isFinite(norm) || norm <= maxNorm) {
                return norm;
            }
            float scale = (float) (maxNorm / (norm + 1e-6));
            for (Parameter p : params) {
                Tensor g = p.value().grad();
                if (g != null) {
                    p.value().setGrad(g.mul(scale));
                }
            }
            return norm;
        }
    }
}
