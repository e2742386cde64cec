package dev.seedling.models.optim;

import dev.seedling.autograd.GradMode;
import dev.seedling.models.Parameter;
import dev.seedling.tensor.RowSparseGrad;
import dev.seedling.tensor.Tensor;

import java.util.Collection;

/** Clipping by global norm, as {@code torch.nn.utils.clip_grad_norm_}; row-sparse gradients count by their rows. */
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
                if (p.value().sparseGrad() != null) {
                    // repeats must be summed before squaring
                    RowSparseGrad c = p.value().sparseGrad().coalesce();
                    p.value().setSparseGrad(c);
                    sq += c.values().square().sum().item();
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
                RowSparseGrad sg = p.value().sparseGrad();
                if (sg != null) {
                    p.value().setSparseGrad(new RowSparseGrad(sg.indices(), sg.values().mul(scale), sg.rows()));
                }
            }
            return norm;
        }
    }
}
