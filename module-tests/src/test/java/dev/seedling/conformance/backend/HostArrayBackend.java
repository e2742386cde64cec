package dev.seedling.conformance.backend;

import dev.seedling.backend.Backend;
import dev.seedling.backend.BinaryOp;
import dev.seedling.backend.MatmulSpec;
import dev.seedling.backend.ReduceOp;
import dev.seedling.backend.Storage;
import dev.seedling.backend.StorageChecks;
import dev.seedling.backend.Strided;
import dev.seedling.backend.UnaryOp;
import dev.seedling.tensor.DType;

import java.util.function.IntToDoubleFunction;

/**
 * A second backend for tests of moving tensors between backends and of mixing them: plain arrays with the memory and
 * copy kernels only. Compute kernels throw, so any op that reaches one with this backend's tensors is caught. Not
 * registered with ServiceLoader; the conformance suite never runs on it.
 */
final class HostArrayBackend implements Backend {

    /** An array-backed storage of this backend. */
    private final class HostStorage implements Storage {
        private final DType dtype;
        private final int size;
        private double[] values;

        HostStorage(DType dtype, int size) {
            this.dtype = dtype;
            this.size = size;
            this.values = new double[size];
        }

        @Override
        public Backend backend() {
            return HostArrayBackend.this;
        }

        @Override
        public DType dtype() {
            return dtype;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public boolean isReleased() {
            return values == null;
        }

        @Override
        public void close() {
            values = null;
        }
    }

    private static HostStorage host(Storage s) {
        if (!(s instanceof HostStorage h)) {
            throw new IllegalArgumentException("host: foreign storage from " + s.backend().name());
        }
        if (h.values == null) {
            throw StorageChecks.released("host", h);
        }
        return h;
    }

    /** {@link #host(Storage)}, with {@code [offset, offset + n)} checked to lie inside it. */
    private static HostStorage host(Storage s, int offset, int n, String op) {
        HostStorage h = host(s);
        StorageChecks.checkRange("host", h, offset, n, op);
        return h;
    }

    /** A new storage of {@code n} elements, element {@code i} set to {@code value.applyAsDouble(i)}. */
    private HostStorage uploaded(DType dtype, int n, IntToDoubleFunction value) {
        HostStorage s = new HostStorage(dtype, n);
        for (int i = 0; i < n; i++) {
            s.values[i] = value.applyAsDouble(i);
        }
        return s;
    }

    @Override
    public String name() {
        return "host";
    }

    @Override
    public String description() {
        return "test double: Java arrays, copies only";
    }

    @Override
    public Storage allocate(DType dtype, int size) {
        return new HostStorage(dtype, size);
    }

    @Override
    public Storage upload(float[] data) {
        return uploaded(DType.F32, data.length, i -> data[i]);
    }

    @Override
    public Storage upload(int[] data) {
        return uploaded(DType.I32, data.length, i -> data[i]);
    }

    @Override
    public Storage upload(long[] data) {
        return uploaded(DType.I64, data.length, i -> data[i]);
    }

    @Override
    public float[] readFloats(Storage src, int offset, int n) {
        HostStorage s = host(src, offset, n, "readFloats");
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) s.values[offset + i];
        }
        return out;
    }

    @Override
    public long[] readLongs(Storage src, int offset, int n) {
        HostStorage s = host(src, offset, n, "readLongs");
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = (long) s.values[offset + i];
        }
        return out;
    }

    @Override
    public void copy(int[] shape, Strided src, Strided dst) {
        int numel = 1;
        for (int d : shape) {
            numel *= d;
        }
        HostStorage s = host(src.storage());
        HostStorage d = host(dst.storage());
        for (int flat = 0; flat < numel; flat++) {
            int rem = flat;
            int so = src.offset();
            int dO = dst.offset();
            for (int i = shape.length - 1; i >= 0; i--) {
                int c = rem % shape[i];
                rem /= shape[i];
                so += c * src.strides()[i];
                dO += c * dst.strides()[i];
            }
            double v = s.values[so];
            d.values[dO] = d.dtype == DType.F32 ? (float) v : (long) v;
        }
    }

    @Override
    public void fill(Storage dst, int offset, int n, double value) {
        HostStorage d = host(dst, offset, n, "fill");
        for (int i = 0; i < n; i++) {
            d.values[offset + i] = d.dtype == DType.F32 ? (float) value : (long) value;
        }
    }

    private static UnsupportedOperationException compute(String kernel) {
        return new UnsupportedOperationException("host test backend has no " + kernel + " kernel");
    }

    @Override
    public void unary(UnaryOp op, int[] shape, Strided src, Storage dst) {
        throw compute("unary " + op);
    }

    @Override
    public void binary(BinaryOp op, int[] shape, Strided a, Strided b, Storage dst) {
        throw compute("binary " + op);
    }

    @Override
    public void where(int[] shape, Strided cond, Strided a, Strided b, Storage dst) {
        throw compute("where");
    }

    @Override
    public void reduce(ReduceOp op, Storage src, int offset, int outer, int n, int inner, Storage dst) {
        throw compute("reduce " + op);
    }

    @Override
    public void cumsum(Storage src, int offset, int outer, int n, int inner, Storage dst) {
        throw compute("cumsum");
    }

    @Override
    public void topk(Storage src, int offset, int outer, int n, int inner, int k, boolean largest, Storage values,
                     Storage indices) {
        throw compute("topk");
    }

    @Override
    public void matmul(MatmulSpec spec, Storage a, int aOffset, Storage b, int bOffset, Storage c) {
        throw compute("matmul");
    }

    @Override
    public void gather(Storage src, int srcOffset, int outer, int n, int inner, Storage index, int indexOffset, int k,
                       boolean perPosition, Storage dst) {
        throw compute("gather");
    }

    @Override
    public void scatterAdd(Storage dst, int outer, int n, int inner, Storage index, int indexOffset, int k,
                           boolean perPosition, Storage src, int srcOffset) {
        throw compute("scatterAdd");
    }
}
