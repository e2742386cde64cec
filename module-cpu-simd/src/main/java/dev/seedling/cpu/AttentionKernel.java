package dev.seedling.cpu;

import dev.seedling.cpu.PackedGemm.Operand;
import jdk.incubator.vector.FloatVector;

import static dev.seedling.cpu.Simd.F;
import static dev.seedling.cpu.Simd.L;

/**
 * Causal attention that never stores the {@code t × s} score matrix. Heads run in parallel; per head, the keys (and in
 * the backward the values) are transposed once into a per-thread buffer {@code [d, s]} so that scores are computed
 * lane-parallel over keys; queries then go in blocks of {@link #QB} rows, each block with a score buffer of
 * {@code QB × s} floats, and every product of a block (scores, P·V, and in the backward dS·K, dSᵀ·Q, Pᵀ·dO) is
 * register-blocked over the block's rows. The forward keeps the row log-sum-exp; the backward recomputes the probabilities from it
 * (FlashAttention's recomputation). Scratch memory per thread is {@code O(s·d)}: linear in the sequence length.
 * Buffers are thread-local and reused across calls.
 *
 * <p>Layout: {@code heads = batch·groups} heads, each row's {@code d} elements contiguous. With {@code groups = 1} a
 * head's rows are contiguous ({@code [heads, rows, d]}); with {@code groups = G} the rows of one batch entry's G heads
 * interleave ({@code [batch, rows, G, d]}, a projection's output split into heads without a copy): row {@code r} of head
 * {@code h} starts at {@link #base}{@code (h) + r·G·d}.
 */
final class AttentionKernel {
    /** Query rows per block: each loaded key, value or gradient row serves this many queries. */
    static final int QB = 4;
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[4][0]);

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

    /**
     * {@code dst[dd·sp + j] = src[base + j·ld + dd]} for {@code j < s}, and zero for {@code s <= j < sp}: the keys (or
     * values) of a head as {@code [d, sp]} rows padded to a whole number of register blocks.
     */
    private static void transpose(float[] src, int base, int ld, int s, int sp, int d, float[] dst) {
        for (int j = 0; j < s; j++) {
            int o = base + j * ld;
            for (int dd = 0; dd < d; dd++) {
                dst[dd * sp + j] = src[o + dd];
            }
        }
        for (int dd = 0; dd < d; dd++) {
            java.util.Arrays.fill(dst, dd * sp + s, dd * sp + sp, 0f);
        }
    }

    /** {@code s} rounded up to the micro-kernel's column block, the row stride of the transposed and score buffers. */
    private static int padded(int s) {
        return (s + 2 * L - 1) / (2 * L) * (2 * L);
    }

    /**
     * {@code y[yo + j·ldy + c] += Σ_{r<rows} w[wo + r·ldw + j]·x[xo + r·ldx + c]} for {@code j < n}, {@code c < d}: the
     * rank-{@code rows} update of {@code n} rows of {@code y} by a block of query rows. With four rows each loaded
     * {@code y} vector takes four FMAs before it is stored again.
     */
    static void addOuter(float[] w, int wo, int ldw, int rows, float[] x, int xo, int ldx, float[] y, int yo, int ldy,
                         int n, int d) {
        if (rows != QB) {
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < n; j++) {
                    axpy(w[wo + r * ldw + j], x, xo + r * ldx, y, yo + j * ldy, d);
                }
            }
            return;
        }
        int c = 0;
        for (; c + 2 * L <= d; c += 2 * L) {
            FloatVector x00 = FloatVector.fromArray(F, x, xo + c), x01 = FloatVector.fromArray(F, x, xo + c + L);
            FloatVector x10 = FloatVector.fromArray(F, x, xo + ldx + c);
            FloatVector x11 = FloatVector.fromArray(F, x, xo + ldx + c + L);
            FloatVector x20 = FloatVector.fromArray(F, x, xo + 2 * ldx + c);
            FloatVector x21 = FloatVector.fromArray(F, x, xo + 2 * ldx + c + L);
            FloatVector x30 = FloatVector.fromArray(F, x, xo + 3 * ldx + c);
            FloatVector x31 = FloatVector.fromArray(F, x, xo + 3 * ldx + c + L);
            for (int j = 0; j < n; j++) {
                int yj = yo + j * ldy + c;
                int wj = wo + j;
                FloatVector w0 = FloatVector.broadcast(F, w[wj]);
                FloatVector w1 = FloatVector.broadcast(F, w[wj + ldw]);
                FloatVector w2 = FloatVector.broadcast(F, w[wj + 2 * ldw]);
                FloatVector w3 = FloatVector.broadcast(F, w[wj + 3 * ldw]);
                FloatVector y0 = FloatVector.fromArray(F, y, yj);
                FloatVector y1 = FloatVector.fromArray(F, y, yj + L);
                y0 = w3.fma(x30, w2.fma(x20, w1.fma(x10, w0.fma(x00, y0))));
                y1 = w3.fma(x31, w2.fma(x21, w1.fma(x11, w0.fma(x01, y1))));
                y0.intoArray(y, yj);
                y1.intoArray(y, yj + L);
            }
        }
        for (; c < d; c++) {
            float x0 = x[xo + c], x1 = x[xo + ldx + c], x2 = x[xo + 2 * ldx + c], x3 = x[xo + 3 * ldx + c];
            for (int j = 0; j < n; j++) {
                int wj = wo + j;
                y[yo + j * ldy + c] += w[wj] * x0 + w[wj + ldw] * x1 + w[wj + 2 * ldw] * x2 + w[wj + 3 * ldw] * x3;
            }
        }
    }

    /** {@code x[o..o+n) *= a}. */
    private static void scale(float[] x, int o, int n, float a) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(F, x, o + i).mul(a).intoArray(x, o + i);
        }
        for (; i < n; i++) {
            x[o + i] *= a;
        }
    }

    /** {@code y[yo..yo+d) += a·x[xo..xo+d)}. */
    private static void axpy(float a, float[] x, int xo, float[] y, int yo, int d) {
        int i = 0;
        for (int bound = F.loopBound(d); i < bound; i += F.length()) {
            FloatVector.fromArray(F, x, xo + i).fma(FloatVector.broadcast(F, a), FloatVector.fromArray(F, y, yo + i)).intoArray(y, yo + i);
        }
        for (; i < d; i++) {
            y[yo + i] += a * x[xo + i];
        }
    }

    /**
     * {@code dst[r·sp + j] = Σ_dd x[xo + r·ld + dd]·kt[dd·sp + j]} for {@code rows} rows and {@code j < n} (and on to
     * the end of {@code n}'s last column block): a block of query rows against the transposed keys (or values),
     * register-blocked by {@link SmallGemm}.
     */
    private static void scores(float[] x, int xo, int ld, int rows, float[] kt, int sp, int d, int n, float[] dst) {
        // n rounded up to whole column blocks (zero keys beyond s): no scalar tail; expRow zeroes the extra scores
        int cols = Math.min(sp, padded(n));
        SmallGemm.multiply(new Operand(x, xo, ld, 1), new Operand(kt, 0, sp, 1), dst, 0, sp, cols, d, 0, rows);
    }

    /**
     * Row {@code r} of a block: {@code p = exp(scale·score - shift)} over its {@code n} visible keys and zero over the
     * {@code width - n} keys it may not see, in place. Returns the sum of {@code p} (the visible part) when
     * {@code summed}, else 0 (the backward, which has the log-sum-exp already, skips the lane reduction: there C2 does
     * not inline {@link Simd#sum}, and each call boxed the accumulator).
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
        java.util.Arrays.fill(p, o + n, o + width, 0f);
        return summed ? sum : 0;
    }

    static void forward(float[] q, float[] k, float[] v, int heads, int groups, int t, int s, int d, float scale,
                        float[] out, float[] lse) {
        int ld = groups * d;
        Parallel.forRange(heads, 4L * t * s * d / 2, (from, to) -> {
            int sp = padded(s);
            float[] kt = scratch(0, sp * d);
            float[] p = scratch(1, QB * sp);
            for (int h = from; h < to; h++) {
                int kvo = base(h, groups, s, d);
                transpose(k, kvo, ld, s, sp, d, kt);
                for (int i0 = 0; i0 < t; i0 += QB) {
                    int rows = Math.min(QB, t - i0);
                    int width = s - t + i0 + rows;      // keys the block's last row sees
                    int qo = base(h, groups, t, d) + i0 * ld;
                    scores(q, qo, ld, rows, kt, sp, d, width, p);
                    int filled = Math.min(sp, padded(width));
                    for (int r = 0; r < rows; r++) {
                        int n = s - t + i0 + r + 1;
                        int o = r * sp;
                        float max = Float.NEGATIVE_INFINITY;
                        for (int j = 0; j < n; j++) {
                            max = Math.max(max, p[o + j]);
                        }
                        double sum = expRow(p, o, n, filled, scale, scale * max, true);
                        lse[h * t + i0 + r] = (float) (scale * max + Math.log(sum));
                        float inv = (float) (1 / sum);
                        scale(p, o, width, inv);
                    }
                    // out block = P · V
                    SmallGemm.multiply(new Operand(p, 0, sp, 1), new Operand(v, kvo, ld, 1), out, qo, ld, d, width, 0,
                            rows);
                }
            }
        });
    }

    static void backward(float[] q, float[] k, float[] v, float[] out, float[] lse, float[] gOut, int heads,
                         int groups, int t, int s, int d, float scale, float[] dq, float[] dk, float[] dv) {
        int ld = groups * d;
        Parallel.forRange(heads, 8L * t * s * d / 2, (from, to) -> {
            int sp = padded(s);
            float[] kt = scratch(0, sp * d);
            float[] p = scratch(1, QB * sp);
            float[] vt = scratch(2, sp * d);
            float[] ds = scratch(3, QB * sp);
            for (int h = from; h < to; h++) {
                int kvo = base(h, groups, s, d);
                transpose(k, kvo, ld, s, sp, d, kt);
                transpose(v, kvo, ld, s, sp, d, vt);
                for (int j = 0; j < s; j++) {
                    java.util.Arrays.fill(dk, kvo + j * ld, kvo + j * ld + d, 0f);
                    java.util.Arrays.fill(dv, kvo + j * ld, kvo + j * ld + d, 0f);
                }
                for (int i0 = 0; i0 < t; i0 += QB) {
                    int rows = Math.min(QB, t - i0);
                    int width = s - t + i0 + rows;
                    int qo = base(h, groups, t, d) + i0 * ld;
                    scores(q, qo, ld, rows, kt, sp, d, width, p);
                    scores(gOut, qo, ld, rows, vt, sp, d, width, ds);
                    for (int r = 0; r < rows; r++) {
                        int n = s - t + i0 + r + 1;
                        int o = r * sp;
                        // P from the saved log-sum-exp; D = dO·O = Σ_j P_j dP_j; dS = P·(dP - D)·scale
                        expRow(p, o, n, width, scale, lse[h * t + i0 + r], false);
                        float big = RowKernels.dot(gOut, qo + r * ld, out, qo + r * ld, d);
                        int j = 0;
                        for (int bound = F.loopBound(width); j < bound; j += F.length()) {
                            FloatVector pj = FloatVector.fromArray(F, p, o + j);
                            pj.mul(FloatVector.fromArray(F, ds, o + j).sub(big)).mul(scale).intoArray(ds, o + j);
                        }
                        for (; j < width; j++) {
                            ds[o + j] = p[o + j] * (ds[o + j] - big) * scale;
                        }
                    }
                    // dQ block = dS · K; dK += dSᵀ · Q block; dV += Pᵀ · dO block
                    SmallGemm.multiply(new Operand(ds, 0, sp, 1), new Operand(k, kvo, ld, 1), dq, qo, ld, d, width, 0,
                            rows);
                    addOuter(ds, 0, sp, rows, q, qo, ld, dk, kvo, ld, width, d);
                    addOuter(p, 0, sp, rows, gOut, qo, ld, dv, kvo, ld, width, d);
                }
            }
        });
    }
}
