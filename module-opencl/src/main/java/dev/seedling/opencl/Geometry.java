package dev.seedling.opencl;

/**
 * The {@code Geo} struct of kernels.cl for an elementwise op over {@code shape} with up to four strided operands:
 * dimensions of size 1 are dropped and neighbours that every operand walks contiguously are merged (as the CPU
 * backend's StridedLoop does), so a contiguous tensor becomes rank 1 whatever its shape.
 */
final class Geometry {
    static final int MAX_RANK = 8;
    static final int OPERANDS = 4;
    /** Ints in the struct: rank, n, shape[8], off[4], st[4][8]. */
    static final int INTS = 2 + MAX_RANK + OPERANDS + OPERANDS * MAX_RANK;

    final int rank;
    final int numel;
    final int[] dims;
    final int[][] strides;
    final int[] offsets;

    Geometry(int[] shape, int[] offsets, int[][] operandStrides) {
        int ops = offsets.length;
        int[] d = new int[Math.max(shape.length, 1)];
        int[][] st = new int[ops][Math.max(shape.length, 1)];
        long count = 1;
        int r = 0;
        for (int i = 0; i < shape.length; i++) {
            count *= shape[i];
            if (shape[i] == 1) {
                continue;
            }
            boolean merge = r > 0;
            for (int k = 0; k < ops && merge; k++) {
                merge = st[k][r - 1] == operandStrides[k][i] * shape[i];
            }
            if (merge) {
                d[r - 1] *= shape[i];
                for (int k = 0; k < ops; k++) {
                    st[k][r - 1] = operandStrides[k][i];
                }
                continue;
            }
            d[r] = shape[i];
            for (int k = 0; k < ops; k++) {
                st[k][r] = operandStrides[k][i];
            }
            r++;
        }
        if (r == 0) {
            d[0] = 1;
            r = 1;
        }
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("opencl: " + count + " elements exceed the int index range");
        }
        if (r > MAX_RANK) {
            throw new UnsupportedOperationException("opencl: an elementwise op over a view of " + r
                    + " non-mergeable dimensions exceeds the kernels' " + MAX_RANK + "; make the input contiguous");
        }
        this.rank = r;
        this.numel = (int) count;
        this.dims = d;
        this.strides = st;
        this.offsets = offsets;
    }

    /** Whether operand {@code k} is read contiguously from its offset in output order. */
    boolean contiguous(int k) {
        return rank == 1 && (strides[k][0] == 1 || dims[0] == 1);
    }

    /** The struct as ints, in kernels.cl's layout. */
    int[] pack() {
        int[] g = new int[INTS];
        g[0] = rank;
        g[1] = numel;
        for (int i = 0; i < rank; i++) {
            g[2 + i] = dims[i];
        }
        for (int k = 0; k < offsets.length; k++) {
            g[2 + MAX_RANK + k] = offsets[k];
            for (int i = 0; i < rank; i++) {
                g[2 + MAX_RANK + OPERANDS + k * MAX_RANK + i] = strides[k][i];
            }
        }
        return g;
    }
}
