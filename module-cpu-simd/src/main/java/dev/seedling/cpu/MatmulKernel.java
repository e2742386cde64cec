package dev.seedling.cpu;

import dev.seedling.backend.MatmulSpec;
import jdk.incubator.vector.FloatVector;

import static dev.seedling.cpu.Simd.F;
import static dev.seedling.cpu.Simd.L;

/**
 * Batched SGEMM. B is packed once per batch entry into contiguous panels of {@code NR = 2·L} columns
 * ({@code panel[p][c]}), so the micro-kernel streams it sequentially whatever B's layout or leading dimension
 * (no power-of-two stride conflicts); A is read in place, transposed or not. The micro-kernel keeps a 4×NR block of C in
 * eight vector accumulators and updates it with FMAs. Threads split (batch, row-block) pairs. Cache blocking of K and
 * packing of A belong to the CPU-performance work.
 */
final class MatmulKernel {
    private static final int MR = 4;
    private static final int NR = 2 * L;

    private MatmulKernel() {
    }

    static void matmul(MatmulSpec s, float[] a, int aOff, float[] b, int bOff, float[] c) {
        int m = s.m();
        int n = s.n();
        int k = s.k();
        int aRow = s.transA() ? 1 : k;
        int aCol = s.transA() ? m : 1;
        int panels = n / NR;
        int distinctB = s.bBatchStride() == 0 ? 1 : s.batch();
        float[][] packed = new float[distinctB][];
        Parallel.forRange(distinctB * Math.max(panels, 1), (long) k * NR, (from, to) -> {
            for (int task = from; task < to && panels > 0; task++) {
                int slot = task / panels;
                int panel = task % panels;
                float[] dst;
                synchronized (packed) {
                    if (packed[slot] == null) {
                        packed[slot] = new float[panels * k * NR];
                    }
                    dst = packed[slot];
                }
                pack(b, bOff + slot * s.bBatchStride(), s.transB(), n, k, panel, dst);
            }
        });
        int blocks = (m + MR - 1) / MR;
        Parallel.forRange(s.batch() * blocks, (long) MR * n * k, (from, to) -> {
            for (int task = from; task < to; task++) {
                int batch = task / blocks;
                int i0 = (task % blocks) * MR;
                float[] bp = packed[distinctB == 1 ? 0 : batch];
                int bo = bOff + batch * s.bBatchStride();
                int ao = aOff + batch * s.aBatchStride();
                int co = batch * m * n;
                int rows = Math.min(MR, m - i0);
                for (int panel = 0; panel < panels; panel++) {
                    if (rows == MR) {
                        block4(a, ao + i0 * aRow, aRow, aCol, bp, panel * k * NR, c, co + i0 * n + panel * NR, n, k);
                    } else {
                        for (int r = 0; r < rows; r++) {
                            block1(a, ao + (i0 + r) * aRow, aCol, bp, panel * k * NR, c,
                                    co + (i0 + r) * n + panel * NR, k);
                        }
                    }
                }
                for (int r = 0; r < rows; r++) {
                    tail(a, ao + (i0 + r) * aRow, aCol, b, bo, s.transB(), c, co + (i0 + r) * n, n, k, panels * NR);
                }
            }
        });
    }

    /** Copies columns {@code [panel·NR, panel·NR + NR)} of op(B) into {@code dst} as {@code [k][NR]}. */
    private static void pack(float[] b, int off, boolean transB, int n, int k, int panel, float[] dst) {
        int j0 = panel * NR;
        int base = panel * k * NR;
        if (transB) {
            for (int c = 0; c < NR; c++) {
                int src = off + (j0 + c) * k;
                for (int p = 0; p < k; p++) {
                    dst[base + p * NR + c] = b[src + p];
                }
            }
        } else {
            for (int p = 0; p < k; p++) {
                System.arraycopy(b, off + p * n + j0, dst, base + p * NR, NR);
            }
        }
    }

    private static void block4(float[] a, int ao, int aRow, int aCol, float[] bp, int bo, float[] c, int co, int n,
                               int k) {
        int a0 = ao;
        int a1 = ao + aRow;
        int a2 = ao + 2 * aRow;
        int a3 = ao + 3 * aRow;
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F), c11 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F), c21 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F);
        for (int p = 0; p < k; p++) {
            int br = bo + p * NR;
            FloatVector b0 = FloatVector.fromArray(F, bp, br);
            FloatVector b1 = FloatVector.fromArray(F, bp, br + L);
            int ap = p * aCol;
            FloatVector v0 = FloatVector.broadcast(F, a[a0 + ap]);
            FloatVector v1 = FloatVector.broadcast(F, a[a1 + ap]);
            FloatVector v2 = FloatVector.broadcast(F, a[a2 + ap]);
            FloatVector v3 = FloatVector.broadcast(F, a[a3 + ap]);
            c00 = v0.fma(b0, c00);
            c01 = v0.fma(b1, c01);
            c10 = v1.fma(b0, c10);
            c11 = v1.fma(b1, c11);
            c20 = v2.fma(b0, c20);
            c21 = v2.fma(b1, c21);
            c30 = v3.fma(b0, c30);
            c31 = v3.fma(b1, c31);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + L);
        c10.intoArray(c, co + n);
        c11.intoArray(c, co + n + L);
        c20.intoArray(c, co + 2 * n);
        c21.intoArray(c, co + 2 * n + L);
        c30.intoArray(c, co + 3 * n);
        c31.intoArray(c, co + 3 * n + L);
    }

    private static void block1(float[] a, int ao, int aCol, float[] bp, int bo, float[] c, int co, int k) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        for (int p = 0; p < k; p++) {
            FloatVector v = FloatVector.broadcast(F, a[ao + p * aCol]);
            acc0 = v.fma(FloatVector.fromArray(F, bp, bo + p * NR), acc0);
            acc1 = v.fma(FloatVector.fromArray(F, bp, bo + p * NR + L), acc1);
        }
        acc0.intoArray(c, co);
        acc1.intoArray(c, co + L);
    }

    /** Columns {@code [from, n)} of one row, scalar, reading B in its own layout. */
    private static void tail(float[] a, int ao, int aCol, float[] b, int bo, boolean transB, float[] c, int co, int n,
                             int k, int from) {
        for (int j = from; j < n; j++) {
            float acc = 0;
            for (int p = 0; p < k; p++) {
                acc = Math.fma(a[ao + p * aCol], transB ? b[bo + j * k + p] : b[bo + p * n + j], acc);
            }
            c[co + j] = acc;
        }
    }
}
