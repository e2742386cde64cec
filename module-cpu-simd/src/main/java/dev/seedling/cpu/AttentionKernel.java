package dev.seedling.cpu;

import java.util.Arrays;

import dev.seedling.cpu.PackedGemm.Operand;
import jdk.incubator.vector.FloatVector;

import static dev.seedling.cpu.GemmMicroKernel.MR;
import static dev.seedling.cpu.GemmMicroKernel.NR;
import static dev.seedling.cpu.Simd.F;

/**
 * Causal attention that never stores the {@code t × s} score matrix, its products run by {@link GemmMicroKernel} on
 * packed panels. Heads run in parallel. Per head, the keys and values are packed once into per-thread panels (Kᵀ for
 * the scores, V for {@code P·V}; in the backward also Vᵀ and K); queries then go in blocks of {@link #QB} rows, each
 * block with a score buffer of {@code QB × s} floats. Within a block every product is a sweep of the micro-kernel
 * over {@code MR}-row panels of the block, and each row panel stops at the last key its last row may see, so the
 * causal mask costs no work beyond the diagonal's {@code MR × NR} tiles. The forward keeps the row log-sum-exp; the
 * backward recomputes the probabilities from it (FlashAttention's recomputation) and accumulates {@code dK} and
 * {@code dV} block by block. Scratch memory per thread is {@code O((s + QB)·d + QB·s)}: linear in the sequence length.
 *
 * <p>Layout: {@code heads = batch·groups} heads, each row's {@code d} elements contiguous. With {@code groups = 1} a
 * head's rows are contiguous ({@code [heads, rows, d]}); with {@code groups = G} the rows of one batch entry's G heads
 * interleave ({@code [batch, rows, G, d]}, a projection's output split into heads without a copy): row {@code r} of head
 * {@code h} starts at {@link #base}{@code (h) + r·G·d}. Results do not depend on the layout (only addresses differ).
 */
final class AttentionKernel {
    /** Query rows per block: each packed key or value panel serves this many queries while it is in cache. */
    static final int QB = 64;

    // per-thread scratch slots, grown to their largest use and reused
    private static final int KEYS_T = 0;     // Kᵀ as B panels [sp/NR][d][NR] (scores)
    private static final int VALUES = 1;     // V (forward) or K (backward) as B panels [dp/NR][s][NR]
    private static final int VALUES_T = 2;   // backward: Vᵀ as B panels (dO·Vᵀ)
    private static final int BLOCK_A = 3;    // the block's queries as A panels [QB/MR][d][MR]
    private static final int GRAD_A = 4;     // backward: the block's output gradients as A panels
    private static final int PROBS = 5;      // [QB][sp]: scores, then probabilities
    private static final int D_PROBS = 6;    // backward [QB][sp]: dP, then dS
    private static final int PANEL = 7;      // one row panel of P or dS as an A panel [width][MR]
    private static final int COLS_A = 8;     // backward: Pᵀ or dSᵀ as A panels [sp/MR][QB][MR]
    private static final int ROWS_B = 9;     // backward: the block's dO or Q rows as B panels [dp/NR][QB][NR]
    private static final int TILE = 10;      // the micro-kernel's edge tile
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[11][0]);

    private AttentionKernel() {
    }

    private static float[] scratch(int slot, int size) {
        float[][] s = SCRATCH.get();
        if (s[slot].length < size) {
            s[slot] = new float[size];
        }
        return s[slot];
    }

    /** Where head {@code h}'s first row starts, for heads of {@code rows} rows in groups of {@code groups}. */
    static int base(int h, int groups, int rows, int d) {
        return ((h / groups) * rows * groups + h % groups) * d;
    }

    private static int roundUp(int a, int multiple) {
        return (a + multiple - 1) / multiple * multiple;
    }

    static void forward(float[] q, float[] k, float[] v, int heads, int groups, int t, int s, int d, float scale,
                        float[] out, float[] lse) {
        int ld = groups * d;
        Parallel.forRange(heads, 4L * t * s * d / 2, (from, to) -> {
            int sp = roundUp(s, NR);
            float[] keysT = scratch(KEYS_T, sp * d);
            float[] values = scratch(VALUES, roundUp(d, NR) * s);
            float[] blockA = scratch(BLOCK_A, QB * d);
            float[] p = scratch(PROBS, QB * sp);
            float[] panel = scratch(PANEL, MR * s);
            float[] tile = scratch(TILE, MR * NR);
            for (int h = from; h < to; h++) {
                int kvo = base(h, groups, s, d);
                PackedGemm.packB(new Operand(k, kvo, 1, ld), 0, d, 0, s, keysT, 0);
                PackedGemm.packB(new Operand(v, kvo, ld, 1), 0, s, 0, d, values, 0);
                for (int i0 = 0; i0 < t; i0 += QB) {
                    int rows = Math.min(QB, t - i0);
                    int first = s - t + i0;             // row r of the block sees keys [0, first + r]
                    int qo = base(h, groups, t, d) + i0 * ld;
                    scores(q, qo, ld, rows, d, first, keysT, sp, blockA, p, tile);
                    for (int ir = 0; ir < rows; ir += MR) {
                        int mr = Math.min(MR, rows - ir);
                        int width = first + ir + mr;    // keys the panel's last row sees
                        for (int r = ir; r < ir + mr; r++) {
                            int n = first + r + 1;
                            int o = r * sp;
                            float max = Float.NEGATIVE_INFINITY;
                            for (int j = 0; j < n; j++) {
                                max = Math.max(max, p[o + j]);
                            }
                            double sum = expRow(p, o, n, width, scale, scale * max, true);
                            lse[h * t + i0 + r] = (float) (scale * max + Math.log(sum));
                            scale(p, o, n, (float) (1 / sum));
                        }
                        // out rows = P · V
                        PackedGemm.packA(new Operand(p, ir * sp, sp, 1), 0, mr, 0, width, panel);
                        product(width, panel, values, s, out, qo + ir * ld, ld, mr, d, tile);
                    }
                }
            }
        });
    }

    static void backward(float[] q, float[] k, float[] v, float[] out, float[] lse, float[] gOut, int heads,
                         int groups, int t, int s, int d, float scale, float[] dq, float[] dk, float[] dv) {
        int ld = groups * d;
        Parallel.forRange(heads, 8L * t * s * d / 2, (from, to) -> {
            int sp = roundUp(s, NR);
            int dp = roundUp(d, NR);
            float[] keysT = scratch(KEYS_T, sp * d);
            float[] keys = scratch(VALUES, dp * s);
            float[] valuesT = scratch(VALUES_T, sp * d);
            float[] blockA = scratch(BLOCK_A, QB * d);
            float[] gradA = scratch(GRAD_A, QB * d);
            float[] p = scratch(PROBS, QB * sp);
            float[] ds = scratch(D_PROBS, QB * sp);
            float[] panel = scratch(PANEL, MR * s);
            float[] colsA = scratch(COLS_A, sp * QB);
            float[] rowsB = scratch(ROWS_B, dp * QB);
            float[] tile = scratch(TILE, MR * NR);
            for (int h = from; h < to; h++) {
                int kvo = base(h, groups, s, d);
                PackedGemm.packB(new Operand(k, kvo, 1, ld), 0, d, 0, s, keysT, 0);
                PackedGemm.packB(new Operand(v, kvo, 1, ld), 0, d, 0, s, valuesT, 0);
                PackedGemm.packB(new Operand(k, kvo, ld, 1), 0, s, 0, d, keys, 0);
                for (int j = 0; j < s; j++) {
                    Arrays.fill(dk, kvo + j * ld, kvo + j * ld + d, 0f);
                    Arrays.fill(dv, kvo + j * ld, kvo + j * ld + d, 0f);
                }
                for (int i0 = 0; i0 < t; i0 += QB) {
                    int rows = Math.min(QB, t - i0);
                    int first = s - t + i0;
                    int keysSeen = first + rows;        // keys the block's last row sees
                    int zeroTo = roundUp(keysSeen, MR); // P and dS are read up to here by the dK/dV products
                    int qo = base(h, groups, t, d) + i0 * ld;
                    scores(q, qo, ld, rows, d, first, keysT, sp, blockA, p, tile);
                    scores(gOut, qo, ld, rows, d, first, valuesT, sp, gradA, ds, tile);
                    for (int ir = 0; ir < rows; ir += MR) {
                        int mr = Math.min(MR, rows - ir);
                        int width = first + ir + mr;
                        for (int r = ir; r < ir + mr; r++) {
                            int n = first + r + 1;
                            int o = r * sp;
                            // P from the saved log-sum-exp; D = dO·O = Σ_j P_j dP_j; dS = P·(dP - D)·scale
                            expRow(p, o, n, zeroTo, scale, lse[h * t + i0 + r], false);
                            float big = RowKernels.dot(gOut, qo + r * ld, out, qo + r * ld, d);
                            int j = 0;
                            for (int bound = F.loopBound(n); j < bound; j += F.length()) {
                                FloatVector pj = FloatVector.fromArray(F, p, o + j);
                                pj.mul(FloatVector.fromArray(F, ds, o + j).sub(big)).mul(scale).intoArray(ds, o + j);
                            }
                            for (; j < n; j++) {
                                ds[o + j] = p[o + j] * (ds[o + j] - big) * scale;
                            }
                            Arrays.fill(ds, o + n, o + zeroTo, 0f);
                        }
                        // dQ rows = dS · K
                        PackedGemm.packA(new Operand(ds, ir * sp, sp, 1), 0, mr, 0, width, panel);
                        product(width, panel, keys, s, dq, qo + ir * ld, ld, mr, d, tile);
                    }
                    // dK += dSᵀ · Q block; dV += Pᵀ · dO block
                    accumulate(ds, sp, rows, first, keysSeen, q, qo, ld, d, colsA, rowsB, dk, kvo, tile);
                    accumulate(p, sp, rows, first, keysSeen, gOut, qo, ld, d, colsA, rowsB, dv, kvo, tile);
                }
            }
        });
    }

    /**
     * Scores of a block of query (or output-gradient) rows against packed Kᵀ (or Vᵀ) panels:
     * {@code dst[r·sp + j] = Σ_e x[xo + r·ld + e]·kT(e, j)} for each row panel up to the end of the key panel that
     * holds its last row's last visible key.
     */
    private static void scores(float[] x, int xo, int ld, int rows, int d, int first, float[] keysT, int sp,
                               float[] blockA, float[] dst, float[] tile) {
        PackedGemm.packA(new Operand(x, xo, ld, 1), 0, rows, 0, d, blockA);
        for (int ir = 0; ir < rows; ir += MR) {
            int mr = Math.min(MR, rows - ir);
            int panels = (first + ir + mr + NR - 1) / NR;
            for (int jp = 0; jp < panels; jp++) {
                // columns beyond s are zero keys (the panels are padded): whole tiles, no column edge
                GemmMicroKernel.run(d, blockA, ir * d, keysT, jp * d * NR, dst, ir * sp + jp * NR, sp, mr, NR, false,
                        tile);
            }
        }
    }

    /**
     * {@code C[co + i·ldc + c] = Σ_{p<depth} A(i, p)·B(p, c)} for {@code i < rows}, {@code c < cols}: one packed A row
     * panel against B panels {@code [cols/NR][bDepth][NR]}, of which the first {@code depth} steps are used.
     */
    private static void product(int depth, float[] a, float[] b, int bDepth, float[] c, int co, int ldc, int rows,
                                int cols, float[] tile) {
        for (int jp = 0; jp * NR < cols; jp++) {
            GemmMicroKernel.run(depth, a, 0, b, jp * bDepth * NR, c, co + jp * NR, ldc, rows,
                    Math.min(NR, cols - jp * NR), false, tile);
        }
    }

    /**
     * {@code y[key j] += Σ_r x[r·sp + j]·z[zo + r·ld + ·]} for the block's {@code rows} rows and keys
     * {@code j < keysSeen}: {@code dK += dSᵀ·Q} or {@code dV += Pᵀ·dO}. A key's sum starts at the first row that
     * sees it (earlier rows hold zeros there), so the diagonal costs no more than its {@code MR}-key panels.
     */
    private static void accumulate(float[] x, int sp, int rows, int first, int keysSeen, float[] z, int zo, int ld,
                                   int d, float[] colsA, float[] rowsB, float[] y, int yo, float[] tile) {
        PackedGemm.packA(new Operand(x, 0, 1, sp), 0, keysSeen, 0, rows, colsA);
        PackedGemm.packB(new Operand(z, zo, ld, 1), 0, rows, 0, d, rowsB, 0);
        for (int j = 0; j < keysSeen; j += MR) {
            int mr = Math.min(MR, keysSeen - j);
            int r0 = Math.max(0, j - first);     // the first row that sees key j
            for (int jp = 0; jp * NR < d; jp++) {
                GemmMicroKernel.run(rows - r0, colsA, j * rows + r0 * MR, rowsB, jp * rows * NR + r0 * NR, y,
                        yo + j * ld + jp * NR, ld, mr, Math.min(NR, d - jp * NR), true, tile);
            }
        }
    }

    /** {@code x[o..o+n) *= a}. */
    private static void scale(float[] x, int o, int n, float a) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector.fromArray(F, x, o + i).mul(a).intoArray(x, o + i);
        }
        for (; i < n; i++) {
            x[o + i] *= a;
        }
    }

    /**
     * Row {@code o}: {@code p = exp(scale·score - shift)} over its {@code n} visible keys and zero from there to
     * {@code width}, in place. Returns the sum of {@code p} (the visible part) when {@code summed}, else 0 (the
     * backward, which has the log-sum-exp already, skips the lane reduction: there C2 does not inline
     * {@link Simd#sum}, and each call boxed the accumulator).
     */
    private static double expRow(float[] p, int o, int n, int width, float scale, float shift, boolean summed) {
        FloatVector acc = FloatVector.zero(F);
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += F.length()) {
            FloatVector e = Simd.exp(FloatVector.fromArray(F, p, o + j).fma(scale, -shift));
            e.intoArray(p, o + j);
            acc = acc.add(e);
        }
        double sum = summed ? Simd.sum(acc) : 0;
        for (; j < n; j++) {
            p[o + j] = (float) Math.exp(p[o + j] * scale - shift);
            sum += p[o + j];
        }
        Arrays.fill(p, o + n, o + width, 0f);
        return summed ? sum : 0;
    }
}
