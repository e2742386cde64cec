package dev.seedling.models.optim;

import dev.seedling.autograd.GradMode;
import dev.seedling.models.Parameter;
import dev.seedling.tensor.RowSparseGrad;
import dev.seedling.tensor.Tensor;
import dev.seedling.tensor.TensorScope;

import java.util.Collection;

/** Clipping by global norm, as {@code torch.nn.utils.clip_grad_norm_}; row-sparse gradients count by their rows. */
public final class GradientClipping {
    private GradientClipping() {
    }

    /**
     * Scales every gradient in place by {@code min(1, maxNorm / (‖g‖ + 1e-6))} where ‖g‖ is the L2 norm over all
     * gradients, as {@code clip_grad_norm_} does; returns that norm (before clipping). NaN or Inf norms are returned
     * unchanged and nothing is scaled. Row-sparse gradients are coalesced (repeated rows summed) first. The
     * temporaries go back to the backend when it returns (a {@link TensorScope} of its own).
     */
    public static double clipGlobalNorm(Collection<Parameter> params, double maxNorm) {
        double sq = 0;
        try (var ng = GradMode.noGrad(); var scope = TensorScope.open()) {
            for (Parameter p : params) {
                Tensor g = p.value().grad();
                if (g != null) {
                    sq += g.square().sum().item();
                }
                if (p.value().sparseGrad() != null) {
                    // repeats must be summed before squaring; the coalesced gradient outlives this scope
                    RowSparseGrad c = p.value().sparseGrad().coalesce();
                    scope.keep(c.indices());
                    scope.keep(c.values());
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
                    g.copyFrom(g.mul(scale));
                }
                RowSparseGrad sg = p.value().sparseGrad();
                if (sg != null) {
                    sg.values().copyFrom(sg.values().mul(scale));
                }
            }
            return norm;
        }
    }
}
