package dev.seedling.tensor;

/** Gathers, scatters and selections along a dimension; the adjoint of each gather is a scatter-add and vice versa. */
final class Indexing {
    private Indexing() {
    }

    static Tensor indexSelect(Tensor x, int dim, Tensor index) {
        Checks.requireFloat("indexSelect", "input", x);
        Checks.requireIndex("indexSelect", "index", index);
        Checks.sameBackend("indexSelect", x, index);
        if (index.rank() != 1) {
            throw new ShapeMismatchException("indexSelect: index must be 1-D but has shape " + index.shape());
        }
        int d = x.shape().normalize(dim);
        Tensor c = x.contiguous();
        Tensor idx = index.contiguous();
        Shape s = c.shape();
        int k = idx.numel();
        Shape outShape = s.with(d, k);
        Tensor y = Tensor.fresh(c.backend().allocate(DType.F32, outShape.numel()), outShape);
        if (outShape.numel() > 0) {
            c.backend().gather(c.storage(), c.offset(), s.product(0, d), s.size(d), s.product(d + 1, s.rank()),
                    idx.storage(), idx.offset(), k, false, y.storage());
        }
        return Autograd.record("indexSelect", y, g -> {
            if (d == 0 && x.wantsSparseGrad()) {
                // a table that takes row-sparse gradients gets exactly the rows looked up, never a dense gradient
                x.accumulateSparseGrad(index, g);
                return new Tensor[]{null, null};
            }
            if (Functional.compositeOnlyActive()) {
                // the unfused form, kept for comparison: index-add copies the zero tensor, then scatters into the copy
                return new Tensor[]{Creation.full(g.backend(), DType.F32, 0, x.shape()).indexAdd(d, index, g), null};
            }
            // the adjoint of the gather: one scatter-add of g's rows into a zero gradient (no copy of it first)
            Tensor gc = g.contiguous();
            Tensor dx = Creation.full(g.backend(), DType.F32, 0, x.shape());
            if (gc.numel() > 0) {
                Shape xs = x.shape();
                g.backend().scatterAdd(dx.storage(), xs.product(0, d), xs.size(d), xs.product(d + 1, xs.rank()),
                        idx.storage(), idx.offset(), k, false, gc.storage(), gc.offset());
            }
            return new Tensor[]{dx, null};
        }, x, index);
    }

    static Tensor embedding(Tensor table, Tensor ids) {
        Checks.requireFloat("embedding", "table", table);
        Checks.requireIndex("embedding", "ids", ids);
        if (table.rank() != 2) {
            throw new ShapeMismatchException("embedding: table must be 2-D [rows, dim] but has shape " + table.shape());
        }
        int[] idShape = ids.dims();
        int[] outShape = java.util.Arrays.copyOf(idShape, idShape.length + 1);
        outShape[idShape.length] = table.size(1);
        return indexSelect(table, 0, ids.reshape(-1)).reshape(outShape);
    }

    /** What indexAdd and scatterAdd ask of their operands: a float input and source, an index, one backend. */
    private static void checkAddOperands(String op, Tensor x, Tensor index, Tensor src) {
        Checks.requireFloat(op, "input", x);
        Checks.requireFloat(op, "source", src);
        Checks.requireIndex(op, "index", index);
        Checks.sameBackend(op, x, src);
        Checks.sameBackend(op, x, index);
    }

    /**
     * A copy of {@code x} with {@code src} added along {@code d} at the rows {@code index} names, by the backend's
     * scatterAdd ({@code k} index entries per slice; {@code perPosition}: one index per source element, as there).
     */
    private static Tensor scatterAddedCopy(Tensor x, int d, Tensor index, int k, boolean perPosition, Tensor src) {
        Tensor y = Views.copy(x.detach());
        Tensor s = src.contiguous();
        Tensor idx = index.contiguous();
        Shape sh = x.shape();
        if (s.numel() > 0) {
            x.backend().scatterAdd(y.storage(), sh.product(0, d), sh.size(d), sh.product(d + 1, sh.rank()),
                    idx.storage(), idx.offset(), k, perPosition, s.storage(), s.offset());
        }
        return y;
    }

    static Tensor indexAdd(Tensor x, int dim, Tensor index, Tensor src) {
        checkAddOperands("indexAdd", x, index, src);
        int d = x.shape().normalize(dim);
        if (index.rank() != 1 || src.rank() != x.rank() || !src.shape().with(d, x.size(d)).equals(x.shape())
                || src.size(d) != index.numel()) {
            throw new ShapeMismatchException("indexAdd: input " + x.shape() + ", index " + index.shape() + " and source "
                    + src.shape() + " do not fit along dimension " + d);
        }
        Tensor y = scatterAddedCopy(x, d, index, index.numel(), false, src);
        return Autograd.record("indexAdd", y, g -> new Tensor[]{g, null, g.indexSelect(d, index)}, x, index, src);
    }

    static Tensor addRowsInPlace(Tensor x, Tensor index, Tensor rows, float alpha) {
        Checks.noGradInPlace("addRowsInPlace", x);
        Checks.requireFloat("addRowsInPlace", "table", x);
        Checks.requireIndex("addRowsInPlace", "index", index);
        Checks.sameBackend("addRowsInPlace", x, rows);
        Checks.sameBackend("addRowsInPlace", x, index);
        if (x.rank() != 2 || !x.isContiguous() || index.rank() != 1 || rows.rank() != 2
                || rows.size(0) != index.size(0) || rows.size(1) != x.size(1)) {
            throw new ShapeMismatchException("addRowsInPlace: table " + x.shape() + " (contiguous 2-D), index "
                    + index.shape() + " and rows " + rows.shape() + " do not fit");
        }
        Tensor src = alpha == 1f ? rows.contiguous() : Elementwise.binaryKernel(dev.seedling.backend.BinaryOp.MUL,
                rows, x.scalarLike(alpha));
        Tensor idx = index.contiguous();
        if (src.numel() > 0) {
            x.backend().scatterAdd(x.storage(), 1, x.size(0), x.size(1), idx.storage(), idx.offset(), idx.numel(),
                    false, src.storage(), src.offset());
        }
        return x;
    }

    private static void checkAligned(String op, Tensor x, int d, Tensor index) {
        if (index.rank() != x.rank() || !index.shape().with(d, x.size(d)).equals(x.shape())) {
            throw new ShapeMismatchException(op + ": index shape " + index.shape() + " must match input shape "
                    + x.shape() + " in every dimension but " + d);
        }
    }

    static Tensor gather(Tensor x, int dim, Tensor index) {
        Checks.requireFloat("gather", "input", x);
        Checks.requireIndex("gather", "index", index);
        Checks.sameBackend("gather", x, index);
        int d = x.shape().normalize(dim);
        checkAligned("gather", x, d, index);
        Tensor c = x.contiguous();
        Tensor idx = index.contiguous();
        Shape s = c.shape();
        Shape outShape = idx.shape();
        Tensor y = Tensor.fresh(c.backend().allocate(DType.F32, outShape.numel()), outShape);
        if (outShape.numel() > 0) {
            c.backend().gather(c.storage(), c.offset(), s.product(0, d), s.size(d), s.product(d + 1, s.rank()),
                    idx.storage(), idx.offset(), idx.size(d), true, y.storage());
        }
        return Autograd.record("gather", y, g -> new Tensor[]{
                Creation.full(g.backend(), DType.F32, 0, x.shape()).scatterAdd(d, index, g), null}, x, index);
    }

    static Tensor scatterAdd(Tensor x, int dim, Tensor index, Tensor src) {
        checkAddOperands("scatterAdd", x, index, src);
        int d = x.shape().normalize(dim);
        checkAligned("scatterAdd", x, d, index);
        if (!src.shape().equals(index.shape())) {
            throw new ShapeMismatchException("scatterAdd: source shape " + src.shape() + " must equal index shape "
                    + index.shape());
        }
        Tensor y = scatterAddedCopy(x, d, index, index.size(d), true, src);
        return Autograd.record("scatterAdd", y, g -> new Tensor[]{g, null, g.gather(d, index)}, x, index, src);
    }

    static TopK topk(Tensor x, int k, int dim, boolean largest) {
        Checks.requireFloat("topk", "input", x);
        int d = x.shape().normalize(dim);
        int n = x.size(d);
        if (k < 0 || k > n) {
            throw new IndexOutOfBoundsException("topk: k = " + k + " is outside [0, " + n + "] for dimension " + d
                    + " of shape " + x.shape());
        }
        Tensor c = x.contiguous();
        Shape s = c.shape();
        Shape outShape = s.with(d, k);
        Tensor indices = Tensor.fresh(c.backend().allocate(DType.I64, outShape.numel()), outShape);
        Tensor scratch = Tensor.fresh(c.backend().allocate(DType.F32, outShape.numel()), outShape);
        if (outShape.numel() > 0) {
            c.backend().topk(c.storage(), c.offset(), s.product(0, d), n, s.product(d + 1, s.rank()), k, largest,
                    scratch.storage(), indices.storage());
        }
        scratch.close();
        // values are a gather at the indices, so their gradient scatters back to the chosen positions
        return new TopK(x.gather(d, indices), indices);
    }

    static Tensor oneHot(Tensor ids, int numClasses) {
        Checks.requireIndex("oneHot", "input", ids);
        if (numClasses <= 0) {
            throw new IllegalArgumentException("oneHot: numClasses must be positive but is " + numClasses);
        }
        int[] shape = java.util.Arrays.copyOf(ids.dims(), ids.rank() + 1);
        shape[ids.rank()] = numClasses;
        Tensor index = ids.unsqueeze(-1).contiguous();
        Tensor zeros = Creation.full(ids.backend(), DType.F32, 0, Shape.of(shape));
        Tensor ones = Creation.full(ids.backend(), DType.F32, 1, index.shape());
        return zeros.scatterAdd(-1, index, ones);
    }

    static Tensor triangular(Tensor x, int k, boolean lower) {
        Checks.requireFloat(lower ? "tril" : "triu", "input", x);
        if (x.rank() < 2) {
            throw new ShapeMismatchException((lower ? "tril" : "triu") + ": needs at least 2 dimensions, got "
                    + x.shape());
        }
        Tensor mask = Creation.triangular(x.backend(), x.size(-2), x.size(-1), k, lower);
        return Elementwise.where(mask, x, x.scalarLike(0f));
    }
}
