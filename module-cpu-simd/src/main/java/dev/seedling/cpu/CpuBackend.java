package dev.seedling.cpu;

import dev.seedling.backend.Backend;
import dev.seedling.backend.BinaryOp;
import dev.seedling.backend.FusedKernels;
import dev.seedling.backend.MatmulSpec;
import dev.seedling.backend.ReduceOp;
import dev.seedling.backend.Storage;
import dev.seedling.backend.Strided;
import dev.seedling.backend.UnaryOp;
import dev.seedling.tensor.DType;

import java.util.Optional;

/** The CPU backend: Java arrays as storage, Vector API kernels, a fork-join pool for large ops. Thread-safe. */
final class CpuBackend implements Backend {
    private final FusedKernels fused = new CpuFusedKernels();

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String description() {
        return "Java arrays, Vector API " + Simd.F.vectorBitSize() + "-bit (" + Simd.L + " float lanes), "
                + Parallel.THREADS + " threads";
    }

    @Override
    public Storage allocate(DType dtype, int size) {
        return CpuStorage.allocate(this, dtype, size, true);
    }

    @Override
    public Storage allocateUninitialised(DType dtype, int size) {
        return CpuStorage.allocate(this, dtype, size, false);
    }

    @Override
    public Storage upload(float[] data) {
        return new CpuStorage(this, DType.F32, data.clone(), data.length);
    }

    @Override
    public Storage upload(int[] data) {
        return new CpuStorage(this, DType.I32, data.clone(), data.length);
    }

    @Override
    public Storage upload(long[] data) {
        return new CpuStorage(this, DType.I64, data.clone(), data.length);
    }

    @Override
    public float[] readFloats(Storage src, int offset, int n) {
        CpuStorage s = CpuStorage.of(src);
        CopyKernels.checkRange(s, offset, n, "readFloats");
        float[] out = new float[n];
        System.arraycopy(s.floats(), offset, out, 0, n);
        return out;
    }

    @Override
    public long[] readLongs(Storage src, int offset, int n) {
        CpuStorage s = CpuStorage.of(src);
        CopyKernels.checkRange(s, offset, n, "readLongs");
        long[] out = new long[n];
        if (s.dtype() == DType.I64) {
            System.arraycopy(s.longs(), offset, out, 0, n);
        } else if (s.dtype() == DType.I32) {
            int[] in = s.ints();
            for (int i = 0; i < n; i++) {
                out[i] = in[offset + i];
            }
        } else {
            throw new IllegalArgumentException("cpu readLongs: expected an I32 or I64 storage but got " + s.dtype());
        }
        return out;
    }

    @Override
    public void copy(int[] shape, Strided src, Strided dst) {
        CopyKernels.copy(shape, src, dst);
    }

    @Override
    public void fill(Storage dst, int offset, int n, double value) {
        CpuStorage d = CpuStorage.of(dst);
        CopyKernels.checkRange(d, offset, n, "fill");
        CopyKernels.fill(d, offset, n, value);
    }

    @Override
    public void unary(UnaryOp op, int[] shape, Strided src, Storage dst) {
        ElementwiseKernels.unary(op, shape, src, CpuStorage.of(dst).floats());
    }

    @Override
    public void binary(BinaryOp op, int[] shape, Strided a, Strided b, Storage dst) {
        ElementwiseKernels.binary(op, shape, a, b, CpuStorage.of(dst).floats());
    }

    @Override
    public void where(int[] shape, Strided cond, Strided a, Strided b, Storage dst) {
        ElementwiseKernels.where(shape, cond, a, b, CpuStorage.of(dst).floats());
    }

    @Override
    public void reduce(ReduceOp op, Storage src, int offset, int outer, int n, int inner, Storage dst) {
        ReduceKernels.reduce(op, CpuStorage.of(src).floats(), offset, outer, n, inner, CpuStorage.of(dst));
    }

    @Override
    public void cumsum(Storage src, int offset, int outer, int n, int inner, Storage dst) {
        ReduceKernels.cumsum(CpuStorage.of(src).floats(), offset, outer, n, inner, CpuStorage.of(dst).floats());
    }

    @Override
    public void topk(Storage src, int offset, int outer, int n, int inner, int k, boolean largest, Storage values,
                     Storage indices) {
        ReduceKernels.topk(CpuStorage.of(src).floats(), offset, outer, n, inner, k, largest,
                CpuStorage.of(values).floats(), CpuStorage.of(indices).longs());
    }

    @Override
    public void matmul(MatmulSpec spec, Storage a, int aOffset, Storage b, int bOffset, Storage c) {
        MatmulKernel.matmul(spec, CpuStorage.of(a).floats(), aOffset, CpuStorage.of(b).floats(), bOffset,
                CpuStorage.of(c).floats());
    }

    @Override
    public void gather(Storage src, int srcOffset, int outer, int n, int inner, Storage index, int indexOffset, int k,
                       boolean perPosition, Storage dst) {
        IndexKernels.gather(CpuStorage.of(src).floats(), srcOffset, outer, n, inner, CpuStorage.of(index),
                indexOffset, k, perPosition, CpuStorage.of(dst).floats());
    }

    @Override
    public void scatterAdd(Storage dst, int outer, int n, int inner, Storage index, int indexOffset, int k,
                           boolean perPosition, Storage src, int srcOffset) {
        IndexKernels.scatterAdd(CpuStorage.of(dst).floats(), outer, n, inner, CpuStorage.of(index), indexOffset, k,
                perPosition, CpuStorage.of(src).floats(), srcOffset);
    }

    @Override
    public Optional<FusedKernels> fused() {
        return Optional.of(fused);
    }

    @Override
    public String toString() {
        return "cpu backend (" + description() + ")";
    }
}
