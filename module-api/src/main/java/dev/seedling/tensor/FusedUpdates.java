package dev.seedling.tensor;

import dev.seedling.backend.FusedKernels;
import dev.seedling.backend.Storage;

import java.util.List;
import java.util.Optional;

/**
 * In-place optimiser updates that a backend may fuse ({@link FusedKernels#adamw}). Each method returns {@code false},
 * touching nothing, when the backend does not offer the kernel (or fusion is off, see {@link Functional#compositeOnly}),
 * and the caller runs its composite.
 */
public final class FusedUpdates {
    private FusedUpdates() {
    }

    /**
     * One AdamW step for parameter {@code i}: {@code m ← β1·m + (1-β1)·g}, {@code v ← β2·v + (1-β2)·g²},
     * {@code p ← p·(1 - lr[i]·decay[i]) - (lr[i]/c1)·m / (√(v/c2) + ε)}, all updated in place in one pass per
     * parameter. Every list has one entry per parameter; moments must be contiguous with the parameter's shape, and
     * parameters contiguous. Call under {@code GradMode.noGrad()}.
     *
     * @return whether the fused kernel ran (false: nothing was changed)
     * @throws ShapeMismatchException if a gradient or moment does not match its parameter
     */
    public static boolean adamw(List<Tensor> params, List<Tensor> grads, List<Tensor> expAvg, List<Tensor> expAvgSq,
                                float[] lr, float[] decay, float beta1, float beta2, float eps, double c1,
                                double c2) {
        int n = params.size();
        if (n == 0 || Functional.compositeOnlyActive()) {
            return false;
        }
        Optional<FusedKernels> f = params.get(0).backend().fused();
        if (f.isEmpty()) {
            return false;
        }
        Storage[] ps = new Storage[n];
        Storage[] gs = new Storage[n];
        Storage[] ms = new Storage[n];
        Storage[] vs = new Storage[n];
        int[] po = new int[n];
        int[] go = new int[n];
        int[] sizes = new int[n];
        for (int i = 0; i < n; i++) {
            Tensor p = params.get(i);
            Tensor g = grads.get(i).contiguous();
            Tensor m = expAvg.get(i);
            Tensor v = expAvgSq.get(i);
            Checks.noGradInPlace("adamw", p);
            for (Tensor other : new Tensor[]{g, m, v}) {
                if (!other.shape().equals(p.shape())) {
                    throw new ShapeMismatchException("adamw: parameter " + i + " has shape " + p.shape()
                            + " but its gradient or moment has " + other.shape());
                }
                Checks.sameBackend("adamw", p, other);
            }
            if (!p.isContiguous() || !m.isContiguous() || m.offset() != 0 || !v.isContiguous() || v.offset() != 0) {
                return false;
            }
            ps[i] = p.storage();
            gs[i] = g.storage();
            ms[i] = m.storage();
            vs[i] = v.storage();
            po[i] = p.offset();
            go[i] = g.offset();
            sizes[i] = p.numel();
        }
        return f.get().adamw(ps, po, gs, go, ms, vs, sizes, lr, decay, beta1, beta2, eps, (float) c1, (float) c2);
    }
}
