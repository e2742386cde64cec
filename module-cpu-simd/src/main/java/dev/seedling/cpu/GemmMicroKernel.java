package dev.seedling.cpu;

import jdk.incubator.vector.FloatVector;

import static dev.seedling.cpu.Simd.F;
import static dev.seedling.cpu.Simd.L;

/**
 * The register-blocked heart of {@link PackedGemm}: an {@code MR × NR} block of C ({@code MR = 4} rows,
 * {@code NR = 2·L} columns) held in eight vector accumulators, updated with eight independent FMAs per step of K
 * from one packed A micro-panel ({@code [kc][MR]}) and one packed B micro-panel ({@code [kc][NR]}). Eight chains
 * cover the FMA latency (4 cycles) times two FMA ports. Wider blocks (5×2, 6×2, 4×3: ten or twelve accumulators)
 * measured at half the speed on AVX2 with C2, which then spills accumulators to the stack (docs/PERFORMANCE.md).
 */
final class GemmMicroKernel {
    static final int MR = 4;
    static final int NR = 2 * L;

    private GemmMicroKernel() {
    }

    /**
     * {@code C[0:rows, 0:cols] (+)= Ap · Bp} for packed panels of depth {@code kc}. A full block is stored straight
     * into C; an edge block goes through {@code tile} (length {@code MR·NR}) and only its valid part reaches C.
     *
     * @param add whether to add to C (later K blocks) or overwrite it (the first)
     */
    static void run(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc, int rows, int cols,
                    boolean add, float[] tile) {
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F), c11 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F), c21 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F);
        for (int p = 0; p < kc; p++) {
            // indices linear in p so C2 can hoist the range checks out of the loop
            int b = bo + p * NR;
            int a = ao + p * MR;
            FloatVector b0 = FloatVector.fromArray(F, bp, b);
            FloatVector b1 = FloatVector.fromArray(F, bp, b + L);
            FloatVector v = FloatVector.broadcast(F, ap[a]);
            c00 = v.fma(b0, c00);
            c01 = v.fma(b1, c01);
            v = FloatVector.broadcast(F, ap[a + 1]);
            c10 = v.fma(b0, c10);
            c11 = v.fma(b1, c11);
            v = FloatVector.broadcast(F, ap[a + 2]);
            c20 = v.fma(b0, c20);
            c21 = v.fma(b1, c21);
            v = FloatVector.broadcast(F, ap[a + 3]);
            c30 = v.fma(b0, c30);
            c31 = v.fma(b1, c31);
        }
        boolean full = rows == MR && cols == NR;
        float[] dst = full ? c : tile;
        int d0 = full ? co : 0;
        int ld = full ? ldc : NR;
        if (full && add) {
            c00 = c00.add(FloatVector.fromArray(F, c, d0));
            c01 = c01.add(FloatVector.fromArray(F, c, d0 + L));
            c10 = c10.add(FloatVector.fromArray(F, c, d0 + ld));
            c11 = c11.add(FloatVector.fromArray(F, c, d0 + ld + L));
            c20 = c20.add(FloatVector.fromArray(F, c, d0 + 2 * ld));
            c21 = c21.add(FloatVector.fromArray(F, c, d0 + 2 * ld + L));
            c30 = c30.add(FloatVector.fromArray(F, c, d0 + 3 * ld));
            c31 = c31.add(FloatVector.fromArray(F, c, d0 + 3 * ld + L));
        }
        c00.intoArray(dst, d0);
        c01.intoArray(dst, d0 + L);
        c10.intoArray(dst, d0 + ld);
        c11.intoArray(dst, d0 + ld + L);
        c20.intoArray(dst, d0 + 2 * ld);
        c21.intoArray(dst, d0 + 2 * ld + L);
        c30.intoArray(dst, d0 + 3 * ld);
        c31.intoArray(dst, d0 + 3 * ld + L);
        if (!full) {
            edge(tile, c, co, ldc, rows, cols, add);
        }
    }

    /** Copies (or adds) the valid {@code rows × cols} corner of an edge tile into C. */
    private static void edge(float[] tile, float[] c, int co, int ldc, int rows, int cols, boolean add) {
        for (int r = 0; r < rows; r++) {
            int dst = co + r * ldc;
            int src = r * NR;
            if (add) {
                for (int j = 0; j < cols; j++) {
                    c[dst + j] += tile[src + j];
                }
            } else {
                System.arraycopy(tile, src, c, dst, cols);
            }
        }
    }
}
