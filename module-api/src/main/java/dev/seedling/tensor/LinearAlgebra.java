package dev.seedling.tensor;

import dev.seedling.backend.MatmulSpec;

/** Matrix products with NumPy semantics, reaching the backend as one batched GEMM without materialised transposes. */
final class LinearAlgebra {
    private LinearAlgebra() {
    }

    static Tensor matmul(Tensor a, Tensor b) {
        Checks.requireFloat("matmul", "left operand", a);
        Checks.requireFloat("matmul", "right operand", b);
        Checks.sameBackend("matmul", a, b);
        if (a.rank() == 0 || b.rank() == 0) {
            throw new ShapeMismatchException("matmul: both operands need at least one dimension, got " + a.shape()
                    + " and " + b.shape());
        }
        int ka = a.size(-1);
        int kb = b.rank() == 1 ? b.size(0) : b.size(-2);
        if (ka != kb) {
            // checked before promotion so the message names the shapes the caller passed
            throw new ShapeMismatchException("matmul: shapes " + a.shape() + " and " + b.shape()
                    + " are incompatible (inner dimensions " + ka + " and " + kb + ")");
        }
        // 1-D operands are promoted to matrices and the added dimension removed afterwards (numpy.matmul)
        Tensor a2 = a.rank() == 1 ? a.unsqueeze(0) : a;
        Tensor b2 = b.rank() == 1 ? b.unsqueeze(1) : b;
        Tensor y = batched(a2, b2);
        if (a.rank() == 1) {
            y = y.squeeze(-2);
        }
        if (b.rank() == 1) {
            y = y.squeeze(-1);
        }
        return y;
    }

    private static Tensor batched(Tensor a, Tensor b) {
        int m = a.size(-2);
        int k = a.size(-1);
        int n = b.size(-1);
        if (b.size(-2) != k) {
            throw new ShapeMismatchException("matmul: shapes " + a.shape() + " and " + b.shape()
                    + " are incompatible (inner dimensions " + k + " and " + b.size(-2) + ")");
        }
        Shape aBatch = batchShape(a);
        Shape bBatch = batchShape(b);
        if (!broadcastable(aBatch, bBatch)) {
            throw new ShapeMismatchException("matmul: shapes " + a.shape() + " and " + b.shape()
                    + " have batch dimensions " + aBatch + " and " + bBatch + " that cannot be broadcast");
        }
        Shape batch = Shape.broadcast("matmul", aBatch, bBatch);
        int[] outDims = new int[batch.rank() + 2];
        System.arraycopy(batch.toArray(), 0, outDims, 0, batch.rank());
        outDims[batch.rank()] = m;
        outDims[batch.rank() + 1] = n;
        Shape outShape = Shape.of(outDims);

        Operand pa = operand(a, batch);
        Operand pb = operand(b, batch);
        Tensor y = Tensor.fresh(a.backend().allocateUninitialised(DType.F32, outShape.numel()), outShape);
        if (outShape.numel() > 0) {
            MatmulSpec spec = new MatmulSpec(batch.numel(), m, n, k, pa.transposed, pb.transposed,
                    pa.batchStride, pb.batchStride);
            a.backend().matmul(spec, pa.t.storage(), pa.t.offset(), pb.t.storage(), pb.t.offset(), y.storage());
        }
        boolean sharedB = bBatch.numel() == 1 && aBatch.equals(batch) && batch.numel() > 1;
        return Autograd.record("matmul", y, g -> new Tensor[]{
                a.requiresGrad() ? Reductions.sumTo(g.matmul(b.mT()), a.shape()) : null,
                b.requiresGrad() ? (sharedB ? sharedGrad(a, b, g) : Reductions.sumTo(a.mT().matmul(g),
                        b.shape())) : null}, a, b);
    }

    /**
     * The gradient of a matrix {@code b} shared by every batch entry of {@code a} ({@code x·Wᵀ} over a batch of
     * sequences): {@code Σ_batch aᵢᵀ·gᵢ} as one product over the stacked rows, {@code [k, B·m]·[B·m, n]}, instead of
     * {@code B} products and a reduction over their {@code B} partial results.
     */
    private static Tensor sharedGrad(Tensor a, Tensor b, Tensor g) {
        Tensor rows = a.reshape(-1, a.size(-1));
        Tensor grads = g.reshape(-1, g.size(-1));
        if (b.rank() == 2 && !b.isContiguous() && b.mT().isContiguous()) {
            // b is a transposed weight (x·Wᵀ): compute ∂W = gᵀ·a in W's own layout, so that the transpose's backward
            // hands W a contiguous gradient
            return grads.mT().matmul(rows).mT();
        }
        return rows.mT().matmul(grads).reshape(b.shape().toArray());
    }

    private static boolean broadcastable(Shape a, Shape b) {
        for (int i = 1; i <= Math.min(a.rank(), b.rank()); i++) {
            int da = a.size(-i);
            int db = b.size(-i);
            if (da != db && da != 1 && db != 1) {
                return false;
            }
        }
        return true;
    }

    private static Shape batchShape(Tensor t) {
        int[] d = t.dims();
        return Shape.of(java.util.Arrays.copyOf(d, d.length - 2));
    }

    /** A matrix operand as the kernel wants it: contiguous rows, or contiguous columns (transposed), per batch. */
    private record Operand(Tensor t, boolean transposed, int batchStride) {
    }

    private static Operand operand(Tensor x, Shape batch) {
        int rows = x.size(-2);
        int cols = x.size(-1);
        int matrix = rows * cols;
        Shape own = batchShape(x);
        Tensor t = x;
        if (own.numel() != 1 && !own.equals(batch)) {
            t = x.detach().expand(concat(batch, rows, cols));   // broadcast batch dims: materialised below
        }
        boolean shared = t.rank() == 2 || batchShape(t).numel() == 1;
        int[] s = t.strides();
        int r = t.rank();
        boolean rowMajor = (s[r - 1] == 1 || cols == 1) && (s[r - 2] == cols || rows == 1);
        boolean colMajor = !rowMajor && (s[r - 2] == 1 || rows == 1) && (s[r - 1] == rows || cols == 1);
        boolean batchPacked = shared || batchIsDense(t, matrix);
        if (!batchPacked || !(rowMajor || colMajor)) {
            t = t.detach().contiguous();
            rowMajor = true;
            colMajor = false;
        }
        return new Operand(t, colMajor, shared ? 0 : matrix);
    }

    private static boolean batchIsDense(Tensor t, int matrix) {
        int[] s = t.strides();
        int[] d = t.dims();
        int expect = matrix;
        for (int i = t.rank() - 3; i >= 0; i--) {
            if (d[i] != 1 && s[i] != expect) {
                return false;
            }
            expect *= d[i];
        }
        return true;
    }

    private static int[] concat(Shape batch, int rows, int cols) {
        int[] d = new int[batch.rank() + 2];
        System.arraycopy(batch.toArray(), 0, d, 0, batch.rank());
        d[batch.rank()] = rows;
        d[batch.rank() + 1] = cols;
        return d;
    }
}
