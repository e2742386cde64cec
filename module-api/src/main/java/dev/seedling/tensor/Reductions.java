package dev.seedling.tensor;

import dev.seedling.backend.ReduceOp;

import java.util.Arrays;

/**
 * Reductions and scans. Every per-dimension op reaches the backend as the middle axis of a contiguous
 * {@code [outer, n, inner]} block.
 */
final class Reductions {
    private Reductions() {
    }

    /** One kernel call reducing dimension {@code d} of {@code x}, keeping it as size 1. */
    private static Tensor reduceKernel(ReduceOp op, Tensor x, int d) {
        Tensor c = x.contiguous();
        Shape s = c.shape();
        int outer = s.product(0, d);
        int n = s.size(d);
        int inner = s.product(d + 1, s.rank());
        Shape outShape = s.with(d, 1);
        boolean arg = op == ReduceOp.ARGMAX || op == ReduceOp.ARGMIN;
        Tensor out = Tensor.fresh(c.backend().allocate(arg ? DType.I64 : DType.F32, outShape.numel()), outShape);
        if (n == 0) {
            if (op != ReduceOp.SUM && outShape.numel() > 0) {
                throw new IllegalArgumentException(op.name().toLowerCase(java.util.Locale.ROOT)
                        + ": cannot reduce dimension " + d + " of size 0 in shape " + s);
            }
            return out;
        }
        if (outShape.numel() > 0) {
            c.backend().reduce(op, c.storage(), c.offset(), outer, n, inner, out.storage());
        }
        return out;
    }

    private static int[] normalizedSorted(Tensor x, int[] dims) {
        int[] d = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            d[i] = x.shape().normalize(dims[i]);
        }
        Arrays.sort(d);
        for (int i = 1; i < d.length; i++) {
            if (d[i] == d[i - 1]) {
                throw new IllegalArgumentException("reduction: dimension " + d[i] + " repeats in "
                        + Shape.format(dims));
            }
        }
        return d;
    }

    static Tensor sum(Tensor x, int[] dims, boolean keepDim) {
        Checks.requireFloat("sum", "input", x);
        int[] d = normalizedSorted(x, dims);
        Tensor y = x;
        for (int i = d.length - 1; i >= 0; i--) {
            y = reduceKernel(ReduceOp.SUM, y, d[i]);
        }
        if (d.length == 0) {
            y = Views.copy(x.detach());
        }
        if (!keepDim) {
            y = squeezeAll(y, d);
        }
        Shape keptShape = keptShape(x.shape(), d);
        return Autograd.record("sum", y, g -> new Tensor[]{g.reshape(keptShape.toArray()).expand(x.dims())}, x);
    }

    static Tensor mean(Tensor x, int[] dims, boolean keepDim) {
        Checks.requireFloat("mean", "input", x);
        int[] d = normalizedSorted(x, dims);
        int count = 1;
        for (int i : d) {
            count *= x.size(i);
        }
        return sum(x, dims, keepDim).div((float) count);
    }

    static Tensor var(Tensor x, int dim, int correction, boolean keepDim) {
        Checks.requireFloat("var", "input", x);
        int d = x.shape().normalize(dim);
        int n = x.size(d);
        Tensor centered = x.sub(x.mean(d, true));
        return centered.mul(centered).sum(d, keepDim).div((float) Math.max(n - correction, 0));
    }

    static Tensor arg(Tensor x, int dim, boolean keepDim, boolean max) {
        Checks.requireFloat(max ? "argmax" : "argmin", "input", x);
        int d = x.shape().normalize(dim);
        Tensor idx = reduceKernel(max ? ReduceOp.ARGMAX : ReduceOp.ARGMIN, x, d);
        return keepDim ? idx : idx.squeeze(d);
    }

    static Tensor extreme(Tensor x, int dim, boolean keepDim, boolean max) {
        Checks.requireFloat(max ? "max" : "min", "input", x);
        int d = x.shape().normalize(dim);
        // values are gathered at the arg-extreme, so the gradient flows to that one element (as torch.max(dim))
        Tensor values = x.gather(d, arg(x, d, true, max));
        return keepDim ? values : values.squeeze(d);
    }

    static Tensor maxAll(Tensor x) {
        Checks.requireFloat("max", "input", x);
        Tensor y;
        try (var ng = dev.seedling.autograd.GradMode.noGrad()) {
            y = x.reshape(-1).max(0, false);
        }
        return Autograd.record("max", y, g -> {
            Tensor ties = x.eq(y);
            return new Tensor[]{ties.mul(g.div(ties.sum()))};
        }, x);
    }

    static Tensor cumsum(Tensor x, int dim) {
        Checks.requireFloat("cumsum", "input", x);
        int d = x.shape().normalize(dim);
        Tensor c = x.contiguous();
        Shape s = c.shape();
        Tensor y = Tensor.fresh(c.backend().allocate(DType.F32, s.numel()), s);
        if (s.numel() > 0) {
            c.backend().cumsum(c.storage(), c.offset(), s.product(0, d), s.size(d), s.product(d + 1, s.rank()),
                    y.storage());
        }
        // the adjoint of a prefix sum is a suffix sum: total - prefix + self
        return Autograd.record("cumsum", y, g -> new Tensor[]{g.sum(d, true).sub(g.cumsum(d)).add(g)}, x);
    }

    /** Sums a broadcast gradient back to {@code target} (leading dims removed, size-1 dims summed with keepdim). */
    static Tensor sumTo(Tensor g, Shape target) {
        if (g.shape().equals(target)) {
            return g;
        }
        int lead = g.rank() - target.rank();
        int[] dims = new int[g.rank()];
        int n = 0;
        for (int i = 0; i < g.rank(); i++) {
            if (i < lead || (target.size(i - lead) == 1 && g.size(i) != 1)) {
                dims[n++] = i;
            }
        }
        Tensor s = sum(g, Arrays.copyOf(dims, n), true);
        return s.reshape(target.toArray());
    }

    private static Shape keptShape(Shape s, int[] dims) {
        int[] k = s.toArray();
        for (int d : dims) {
            k[d] = 1;
        }
        return Shape.of(k);
    }

    private static Tensor squeezeAll(Tensor y, int[] sortedDims) {
        int[] dims = y.dims();
        int[] out = new int[dims.length - sortedDims.length];
        for (int i = 0, j = 0, k = 0; i < dims.length; i++) {
            if (k < sortedDims.length && sortedDims[k] == i) {
                k++;
            } else {
                out[j++] = dims[i];
            }
        }
        return new Tensor(y.storage(), y.offset(), Shape.of(out), Shape.of(out).contiguousStrides());
    }
}
