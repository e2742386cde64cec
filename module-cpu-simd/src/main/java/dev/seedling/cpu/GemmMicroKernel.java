package dev.seedling.cpu;

import jdk.incubator.vector.FloatVector;

import static dev.seedling.cpu.Simd.F;
import static dev.seedling.cpu.Simd.L;

/**
 * The register-blocked heart of {@link PackedGemm}: an {@code MR × NR} block of C ({@code MR = 6} rows,
 * {@code NR = 2·L} columns) held in twelve vector accumulators, updated with twelve independent FMAs per step of K
 * from one packed A micro-panel ({@code [kc][MR]}) and one packed B micro-panel ({@code [kc][NR]}). Twelve
 * accumulators, two B vectors and one broadcast fill 15 of AVX2's 16 registers; FMA latency (4 cycles) times two FMA
 * ports needs at least eight independent chains.
 */
final class GemmMicroKernel {
    static final int MR = 6;
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
        FloatVector c40 = FloatVector.zero(F), c41 = FloatVector.zero(F);
        FloatVector c50 = FloatVector.zero(F), c51 = FloatVector.zero(F);
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
            v = FloatVector.broadcast(F, ap[a + 4]);
            c40 = v.fma(b0, c40);
            c41 = v.fma(b1, c41);
            v = FloatVector.broadcast(F, ap[a + 5]);
            c50 = v.fma(b0, c50);
            c51 = v.fma(b1, c51);
        }
        if (rows == MR && cols == NR) {
            store(c00, c01, c, co, add);
            store(c10, c11, c, co + ldc, add);
            store(c20, c21, c, co + 2 * ldc, add);
            store(c30, c31, c, co + 3 * ldc, add);
            store(c40, c41, c, co + 4 * ldc, add);
            store(c50, c51, c, co + 5 * ldc, add);
            return;
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + L);
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

    private static void store(FloatVector lo, FloatVector hi, float[] c, int at, boolean add) {
        if (add) {
            lo = lo.add(FloatVector.fromArray(F, c, at));
            hi = hi.add(FloatVector.fromArray(F, c, at + L));
        }
        lo.intoArray(c, at);
        hi.intoArray(c, at + L);
    }
}
