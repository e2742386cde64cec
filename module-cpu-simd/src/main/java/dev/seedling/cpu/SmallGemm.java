package dev.seedling.cpu;

import dev.seedling.cpu.PackedGemm.Operand;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

import static dev.seedling.cpu.Simd.F;
import static dev.seedling.cpu.Simd.L;

/**
 * SGEMM without packing, for products too small (or too thin) for packing to pay: rows of C built from rows of B
 * (when B's rows are contiguous), or dot products along K (when A's rows and B's columns are), or a scalar loop for
 * the remaining tiny, doubly transposed case. Reads both operands in place.
 */
final class SmallGemm {
    private SmallGemm() {
    }

    /** Rows {@code [r0, r1)} of {@code C = A·B}. */
    static void multiply(Operand a, Operand b, float[] c, int cOff, int ldc, int n, int k, int r0, int r1) {
        if (b.colStride() == 1 && n >= L) {
            int i = r0;
            for (; i + 4 <= r1; i += 4) {
                rows4(a, i, b, c, cOff + i * ldc, ldc, n, k);
            }
            for (; i < r1; i++) {
                row1(a, i, b, c, cOff + i * ldc, n, k);
            }
        } else if (a.colStride() == 1 && b.rowStride() == 1 && k >= L) {
            for (int i = r0; i < r1; i++) {
                dots(a, i, b, c, cOff + i * ldc, n, k);
            }
        } else {
            for (int i = r0; i < r1; i++) {
                scalar(a, i, b, c, cOff + i * ldc, 0, n, k);
            }
        }
    }

    /** Four rows of C, two vectors of columns at a time, B read row by row. */
    private static void rows4(Operand a, int i, Operand b, float[] c, int co, int ldc, int n, int k) {
        float[] av = a.data();
        float[] bv = b.data();
        int rs = a.rowStride();
        int cs = a.colStride();
        int a0 = a.offset() + i * rs;
        int brs = b.rowStride();
        int j = 0;
        for (; j + 2 * L <= n; j += 2 * L) {
            FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F);
            FloatVector c10 = FloatVector.zero(F), c11 = FloatVector.zero(F);
            FloatVector c20 = FloatVector.zero(F), c21 = FloatVector.zero(F);
            FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F);
            int bo = b.offset() + j;
            for (int p = 0; p < k; p++) {
                FloatVector b0 = FloatVector.fromArray(F, bv, bo + p * brs);
                FloatVector b1 = FloatVector.fromArray(F, bv, bo + p * brs + L);
                int ap = a0 + p * cs;
                FloatVector v = FloatVector.broadcast(F, av[ap]);
                c00 = v.fma(b0, c00);
                c01 = v.fma(b1, c01);
                v = FloatVector.broadcast(F, av[ap + rs]);
                c10 = v.fma(b0, c10);
                c11 = v.fma(b1, c11);
                v = FloatVector.broadcast(F, av[ap + 2 * rs]);
                c20 = v.fma(b0, c20);
                c21 = v.fma(b1, c21);
                v = FloatVector.broadcast(F, av[ap + 3 * rs]);
                c30 = v.fma(b0, c30);
                c31 = v.fma(b1, c31);
            }
            c00.intoArray(c, co + j);
            c01.intoArray(c, co + j + L);
            c10.intoArray(c, co + ldc + j);
            c11.intoArray(c, co + ldc + j + L);
            c20.intoArray(c, co + 2 * ldc + j);
            c21.intoArray(c, co + 2 * ldc + j + L);
            c30.intoArray(c, co + 3 * ldc + j);
            c31.intoArray(c, co + 3 * ldc + j + L);
        }
        if (j < n) {
            for (int r = 0; r < 4; r++) {
                row1From(a, i + r, b, c, co + r * ldc, j, n, k);
            }
        }
    }

    private static void row1(Operand a, int i, Operand b, float[] c, int co, int n, int k) {
        row1From(a, i, b, c, co, 0, n, k);
    }

    /** Columns {@code [j, n)} of one row of C: one vector at a time, then scalars. */
    private static void row1From(Operand a, int i, Operand b, float[] c, int co, int j, int n, int k) {
        float[] av = a.data();
        float[] bv = b.data();
        int ao = a.offset() + i * a.rowStride();
        int cs = a.colStride();
        int brs = b.rowStride();
        for (; j + L <= n; j += L) {
            FloatVector acc = FloatVector.zero(F);
            int bo = b.offset() + j;
            for (int p = 0; p < k; p++) {
                acc = FloatVector.broadcast(F, av[ao + p * cs]).fma(FloatVector.fromArray(F, bv, bo + p * brs), acc);
            }
            acc.intoArray(c, co + j);
        }
        scalar(a, i, b, c, co, j, n, k);
    }

    /** One row of C as dot products of A's row with B's columns, both contiguous along K. */
    private static void dots(Operand a, int i, Operand b, float[] c, int co, int n, int k) {
        float[] av = a.data();
        float[] bv = b.data();
        int ao = a.offset() + i * a.rowStride();
        int bcs = b.colStride();
        int kv = F.loopBound(k);
        for (int j = 0; j < n; j++) {
            int bo = b.offset() + j * bcs;
            FloatVector acc = FloatVector.zero(F);
            for (int p = 0; p < kv; p += L) {
                acc = FloatVector.fromArray(F, av, ao + p).fma(FloatVector.fromArray(F, bv, bo + p), acc);
            }
            float s = Simd.sum(acc);
            for (int p = kv; p < k; p++) {
                s = Math.fma(av[ao + p], bv[bo + p], s);
            }
            c[co + j] = s;
        }
    }

    /** Columns {@code [j0, n)} of one row of C, scalar, both operands through their strides. */
    private static void scalar(Operand a, int i, Operand b, float[] c, int co, int j0, int n, int k) {
        float[] av = a.data();
        float[] bv = b.data();
        int ao = a.offset() + i * a.rowStride();
        int acs = a.colStride();
        int brs = b.rowStride();
        int bcs = b.colStride();
        for (int j = j0; j < n; j++) {
            int bo = b.offset() + j * bcs;
            float s = 0;
            for (int p = 0; p < k; p++) {
                s = Math.fma(av[ao + p * acs], bv[bo + p * brs], s);
            }
            c[co + j] = s;
        }
    }
}
