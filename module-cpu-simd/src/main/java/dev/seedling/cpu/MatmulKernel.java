package dev.seedling.cpu;

import dev.seedling.backend.MatmulSpec;
import jdk.incubator.vector.FloatVector;

import static dev.seedling.cpu.Simd.F;
import static dev.seedling.cpu.Simd.L;

/**
 * Batched SGEMM: a 4×(2 vectors) register-blocked micro-kernel with FMA over row-major B; transposed B is repacked
 * once per batch entry before the threads start, transposed A is read with strides. Threads split (batch,
 * row-block) pairs. Deeper tuning
 * (packing, cache blocking) belongs to the CPU-performance work.
 */
final class MatmulKernel {
    private static final int MR = 4;

    private MatmulKernel() {
    }

    static void matmul(MatmulSpec s, float[] a, int aOff, float[] b, int bOff, float[] c) {
        int m = s.m();
        int n = s.n();
        int k = s.k();
        int aRow = s.transA() ? 1 : k;
        int aCol = s.transA() ? m : 1;
        float[][] packedB = new float[s.transB() ? (s.bBatchStride() == 0 ? 1 : s.batch()) : 0][];
        Parallel.forRange(packedB.length, (long) n * k, (from, to) -> {
            for (int slot = from; slot < to; slot++) {
                packedB[slot] = transpose(b, bOff + slot * s.bBatchStride(), n, k);
            }
        });
        int blocks = (m + MR - 1) / MR;
        Parallel.forRange(s.batch() * blocks, (long) MR * n * k, (from, to) -> {
            for (int task = from; task < to; task++) {
                int batch = task / blocks;
                int i0 = (task % blocks) * MR;
                float[] bm;
                int bo;
                if (s.transB()) {
                    bm = packedB[s.bBatchStride() == 0 ? 0 : batch];
                    bo = 0;
                } else {
                    bm = b;
                    bo = bOff + batch * s.bBatchStride();
                }
                int ao = aOff + batch * s.aBatchStride();
                int co = batch * m * n;
                int rows = Math.min(MR, m - i0);
                if (rows == MR) {
                    block4(a, ao + i0 * aRow, aRow, aCol, bm, bo, c, co + i0 * n, n, k);
                } else {
                    for (int r = 0; r < rows; r++) {
                        block1(a, ao + (i0 + r) * aRow, aCol, bm, bo, c, co + (i0 + r) * n, n, k);
                    }
                }
            }
        });
    }

    /** B stored n×k, repacked row-major k×n. */
    private static float[] transpose(float[] b, int off, int n, int k) {
        float[] p = new float[k * n];
        for (int j = 0; j < n; j++) {
            for (int q = 0; q < k; q++) {
                p[q * n + j] = b[off + j * k + q];
            }
        }
        return p;
    }

    private static void block4(float[] a, int ao, int aRow, int aCol, float[] b, int bo, float[] c, int co, int n,
                               int k) {
        int a0 = ao;
        int a1 = ao + aRow;
        int a2 = ao + 2 * aRow;
        int a3 = ao + 3 * aRow;
        int j = 0;
        for (; j + 2 * L <= n; j += 2 * L) {
            FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F);
            FloatVector c10 = FloatVector.zero(F), c11 = FloatVector.zero(F);
            FloatVector c20 = FloatVector.zero(F), c21 = FloatVector.zero(F);
            FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F);
            for (int p = 0; p < k; p++) {
                int br = bo + p * n + j;
                FloatVector b0 = FloatVector.fromArray(F, b, br);
                FloatVector b1 = FloatVector.fromArray(F, b, br + L);
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
            c00.intoArray(c, co + j);
            c01.intoArray(c, co + j + L);
            c10.intoArray(c, co + n + j);
            c11.intoArray(c, co + n + j + L);
            c20.intoArray(c, co + 2 * n + j);
            c21.intoArray(c, co + 2 * n + j + L);
            c30.intoArray(c, co + 3 * n + j);
            c31.intoArray(c, co + 3 * n + j + L);
        }
        for (int r = 0; r < MR; r++) {
            tail(a, ao + r * aRow, aCol, b, bo, c, co + r * n, n, k, j);
        }
    }

    private static void block1(float[] a, int ao, int aCol, float[] b, int bo, float[] c, int co, int n, int k) {
        int j = 0;
        for (; j + L <= n; j += L) {
            FloatVector acc = FloatVector.zero(F);
            for (int p = 0; p < k; p++) {
                acc = FloatVector.broadcast(F, a[ao + p * aCol]).fma(FloatVector.fromArray(F, b, bo + p * n + j), acc);
            }
            acc.intoArray(c, co + j);
        }
        tail(a, ao, aCol, b, bo, c, co, n, k, j);
    }

    /** Columns {@code [from, n)} of one row, scalar. */
    private static void tail(float[] a, int ao, int aCol, float[] b, int bo, float[] c, int co, int n, int k,
                             int from) {
        for (int j = from; j < n; j++) {
            float acc = 0;
            for (int p = 0; p < k; p++) {
                acc = Math.fma(a[ao + p * aCol], b[bo + p * n + j], acc);
            }
            c[co + j] = acc;
        }
    }
}
