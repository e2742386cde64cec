package dev.seedling.tensor;

import dev.seedling.backend.Strided;

/** View ops (no copy: new offset, shape and strides over the same storage) and the copies that materialise views. */
final class Views {
    private Views() {
    }

    static Tensor reshape(Tensor x, int[] newShape) {
        Shape s = inferShape("reshape", x, newShape);
        Tensor src = x.isContiguous() ? x : copy(x);
        Tensor y = new Tensor(src.storage(), src.offset(), s, s.contiguousStrides());
        int[] dims = x.dims();
        return Autograd.record("reshape", y, g -> new Tensor[]{g.reshape(dims)}, src == x ? x : src);
    }

    static Tensor view(Tensor x, int[] newShape) {
        if (!x.isContiguous()) {
            throw new IllegalStateException("view: tensor of shape " + x.shape() + " with strides "
                    + Shape.format(x.strides()) + " is not contiguous; use reshape() (which copies) or contiguous()");
        }
        return reshape(x, newShape);
    }

    private static Shape inferShape(String op, Tensor x, int[] dims) {
        int[] d = dims.clone();
        int infer = -1;
        int known = 1;
        for (int i = 0; i < d.length; i++) {
            if (d[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException(op + ": only one dimension may be -1 in " + Shape.format(dims));
                }
                infer = i;
            } else if (d[i] < 0) {
                throw new IllegalArgumentException(op + ": invalid size " + d[i] + " in " + Shape.format(dims));
            } else {
                known *= d[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || x.numel() % known != 0) {
                throw new ShapeMismatchException(op + ": cannot infer -1 in " + Shape.format(dims)
                        + " for " + x.numel() + " elements of shape " + x.shape());
            }
            d[infer] = x.numel() / known;
        }
        Shape s = Shape.of(d);
        if (s.numel() != x.numel()) {
            throw new ShapeMismatchException(op + ": shape " + x.shape() + " (" + x.numel()
                    + " elements) cannot become " + s + " (" + s.numel() + " elements)");
        }
        return s;
    }

    static Tensor permute(Tensor x, int[] order) {
        int r = x.rank();
        if (order.length != r) {
            throw new ShapeMismatchException("permute: order " + Shape.format(order) + " has " + order.length
                    + " entries for shape " + x.shape() + " of rank " + r);
        }
        int[] dims = new int[r];
        int[] strides = new int[r];
        int[] inverse = new int[r];
        boolean[] used = new boolean[r];
        for (int i = 0; i < r; i++) {
            int d = x.shape().normalize(order[i]);
            if (used[d]) {
                throw new IllegalArgumentException("permute: dimension " + d + " repeats in " + Shape.format(order));
            }
            used[d] = true;
            dims[i] = x.size(d);
            strides[i] = x.strides()[d];
            inverse[d] = i;
        }
        Tensor y = new Tensor(x.storage(), x.offset(), Shape.of(dims), strides);
        return Autograd.record("permute", y, g -> new Tensor[]{g.permute(inverse)}, x);
    }

    static Tensor transpose(Tensor x, int dim0, int dim1) {
        int r = x.rank();
        int[] order = new int[r];
        for (int i = 0; i < r; i++) {
            order[i] = i;
        }
        int a = x.shape().normalize(dim0);
        int b = x.shape().normalize(dim1);
        order[a] = b;
        order[b] = a;
        return permute(x, order);
    }

    static Tensor narrow(Tensor x, int dim, int start, int length) {
        int d = x.shape().normalize(dim);
        int size = x.size(d);
        if (start < 0 || length < 0 || start + length > size) {
            throw new IndexOutOfBoundsException("narrow: range [" + start + ", " + (start + length) + ") is outside [0, "
                    + size + ") of dimension " + d + " of shape " + x.shape());
        }
        Tensor y = new Tensor(x.storage(), x.offset() + start * x.strides()[d], x.shape().with(d, length),
                x.strides().clone());
        return Autograd.record("narrow", y, g -> {
            Tensor full = Tensor.fresh(g.backend().allocate(DType.F32, x.numel()), x.shape());
            copyInto(full.narrow(d, start, length), g);
            return new Tensor[]{full};
        }, x);
    }

    static Tensor expand(Tensor x, int[] newShape) {
        int r = newShape.length;
        if (r < x.rank()) {
            throw new ShapeMismatchException("expand: target " + Shape.format(newShape) + " has fewer dimensions than "
                    + x.shape());
        }
        int[] dims = new int[r];
        int[] strides = new int[r];
        int lead = r - x.rank();
        for (int i = 0; i < r; i++) {
            int src = i < lead ? 1 : x.size(i - lead);
            int want = newShape[i] == -1 ? src : newShape[i];
            if (i < lead && newShape[i] == -1) {
                throw new IllegalArgumentException("expand: -1 is not allowed for new leading dimension " + i);
            }
            if (src != want && src != 1) {
                throw new ShapeMismatchException("expand: shape " + x.shape() + " cannot expand to "
                        + Shape.format(newShape) + " (dimension " + i + ": " + src + " vs " + want + ")");
            }
            dims[i] = want;
            strides[i] = i < lead || (src == 1 && want != 1) ? 0 : x.strides()[i - lead];
        }
        Tensor y = new Tensor(x.storage(), x.offset(), Shape.of(dims), strides);
        return Autograd.record("expand", y, g -> new Tensor[]{Reductions.sumTo(g, x.shape())}, x);
    }

    /** {@code x} viewed with the broadcast shape (zero strides), for kernels; records nothing. */
    static Tensor broadcastTo(Tensor x, Shape s) {
        if (x.shape().equals(s)) {
            return x;
        }
        int r = s.rank();
        int lead = r - x.rank();
        int[] strides = new int[r];
        for (int i = lead; i < r; i++) {
            strides[i] = x.size(i - lead) == 1 && s.size(i) != 1 ? 0 : x.strides()[i - lead];
        }
        return new Tensor(x.storage(), x.offset(), s, strides);
    }

    static Tensor squeeze(Tensor x, int dim) {
        int d = x.shape().normalize(dim);
        if (x.size(d) != 1) {
            return x;
        }
        int[] dims = x.shape().without(d).toArray();
        int[] strides = new int[dims.length];
        for (int i = 0, j = 0; i < x.rank(); i++) {
            if (i != d) {
                strides[j++] = x.strides()[i];
            }
        }
        Tensor y = new Tensor(x.storage(), x.offset(), Shape.of(dims), strides);
        return Autograd.record("squeeze", y, g -> new Tensor[]{g.unsqueeze(d)}, x);
    }

    static Tensor unsqueeze(Tensor x, int dim) {
        int r = x.rank() + 1;
        int d = dim < 0 ? dim + r : dim;
        if (d < 0 || d >= r) {
            throw new IndexOutOfBoundsException("unsqueeze: dimension " + dim + " is out of range for shape "
                    + x.shape() + " (allowed " + -r + ".." + (r - 1) + ")");
        }
        int[] dims = new int[r];
        int[] strides = new int[r];
        for (int i = 0, j = 0; i < r; i++) {
            if (i == d) {
                dims[i] = 1;
                strides[i] = j < x.rank() ? x.strides()[j] * x.size(j) : 1;
            } else {
                dims[i] = x.size(j);
                strides[i] = x.strides()[j++];
            }
        }
        Tensor y = new Tensor(x.storage(), x.offset(), Shape.of(dims), strides);
        return Autograd.record("unsqueeze", y, g -> new Tensor[]{g.squeeze(d)}, x);
    }

    /** A contiguous copy; the gradient passes through unchanged. */
    static Tensor copy(Tensor x) {
        int[] dims = x.dims();
        Tensor y = Tensor.fresh(x.backend().allocate(x.dtype(), x.numel()), x.shape());
        x.backend().copy(dims, x.strided(), Strided.contiguous(y.storage(), 0, dims));
        return Autograd.record("clone", y, g -> new Tensor[]{g}, x);
    }

    /** Writes {@code src} (broadcast to {@code dst}'s shape) into the view {@code dst}; records nothing. */
    static Tensor copyInto(Tensor dst, Tensor src) {
        Checks.noGradInPlace("copyFrom", dst);
        Checks.sameBackend("copyFrom", dst, src);
        Shape s = Shape.broadcast("copyFrom", dst.shape(), src.shape());
        if (!s.equals(dst.shape())) {
            throw new ShapeMismatchException("copyFrom: source " + src.shape() + " does not broadcast to destination "
                    + dst.shape());
        }
        Tensor from = src.storage() == dst.storage() ? copy(src.detach()) : src;
        dst.backend().copy(dst.dims(), broadcastTo(from, s).strided(), dst.strided());
        return dst;
    }
}
