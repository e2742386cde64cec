package dev.seedling.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

import static dev.seedling.cpu.Simd.F;

/**
 * Causal attention that never stores the {@code t × s} score matrix. Heads run in parallel; per head, the keys (and in
 * the backward the values) are transposed once into a per-thread buffer {@code [d, s]} so that a query row's scores are
 * computed lane-parallel over keys; each query row then streams over its visible keys with a score buffer of
 * {@code s} floats. The forward keeps the row log-sum-exp; the backward recomputes the probabilities from it
 * (FlashAttention's recomputation). Scratch memory per thread is {@code O(s·d)}: linear in the sequence length.
 * Buffers are thread-local and reused across calls.
 */
final class AttentionKernel {
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

    /** {@code dst[dd·s + j] = src[base + j·d + dd]} for {@code j < s}. */
    private static void transpose(float[] src, int base, int s, int d, float[] dst) {
        for (int j = 0; j < s; j++) {
            int o = base + j * d;
            for (int dd = 0; dd < d; dd++) {
                dst[dd * s + j] = src[o + dd];
            }
        }
    }

    /** {@code p[j] = Σ_dd row[dd]·kt[dd·s + j]} for {@code j < n}; four rows of {@code kt} per pass over {@code p}. */
    private static void scores(float[] row, int ro, float[] kt, int s, int d, int n, float[] p) {
        java.util.Arrays.fill(p, 0, n, 0f);
        int vec = F.loopBound(n);
        int dd = 0;
        for (; dd + 4 <= d; dd += 4) {
            FloatVector a0 = FloatVector.broadcast(F, row[ro + dd]);
            FloatVector a1 = FloatVector.broadcast(F, row[ro + dd + 1]);
            FloatVector a2 = FloatVector.broadcast(F, row[ro + dd + 2]);
            FloatVector a3 = FloatVector.broadcast(F, row[ro + dd + 3]);
            int k0 = dd * s;
            int j = 0;
            for (; j < vec; j += F.length()) {
                FloatVector acc = FloatVector.fromArray(F, p, j);
                acc = FloatVector.fromArray(F, kt, k0 + j).fma(a0, acc);
                acc = FloatVector.fromArray(F, kt, k0 + s + j).fma(a1, acc);
                acc = FloatVector.fromArray(F, kt, k0 + 2 * s + j).fma(a2, acc);
                acc = FloatVector.fromArray(F, kt, k0 + 3 * s + j).fma(a3, acc);
                acc.intoArray(p, j);
            }
            for (; j < n; j++) {
                p[j] += row[ro + dd] * kt[k0 + j] + row[ro + dd + 1] * kt[k0 + s + j]
                        + row[ro + dd + 2] * kt[k0 + 2 * s + j] + row[ro + dd + 3] * kt[k0 + 3 * s + j];
            }
        }
        for (; dd < d; dd++) {
            FloatVector a = FloatVector.broadcast(F, row[ro + dd]);
            int ko = dd * s;
            int j = 0;
            for (; j < vec; j += F.length()) {
                FloatVector.fromArray(F, kt, ko + j).fma(a, FloatVector.fromArray(F, p, j)).intoArray(p, j);
            }
            for (; j < n; j++) {
                p[j] += row[ro + dd] * kt[ko + j];
            }
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

    static void forward(float[] q, float[] k, float[] v, int heads, int t, int s, int d, float scale, float[] out,
                        float[] lse) {
        Parallel.forRange(heads, 4L * t * s * d / 2, (from, to) -> {
            float[] kt = scratch(0, s * d);
            float[] p = scratch(1, s);
            for (int h = from; h < to; h++) {
                transpose(k, h * s * d, s, d, kt);
                for (int i = 0; i < t; i++) {
                    int n = s - t + i + 1;
                    int qo = (h * t + i) * d;
                    scores(q, qo, kt, s, d, n, p);
                    float max = Float.NEGATIVE_INFINITY;
                    for (int j = 0; j < n; j++) {
                        max = Math.max(max, p[j]);
                    }
                    // p = exp(scale·(score - max)), a sum kept for the normalisation and the log-sum-exp
                    float shift = -scale * max;
                    FloatVector acc = FloatVector.zero(F);
                    int j = 0;
                    for (int bound = F.loopBound(n); j < bound; j += F.length()) {
                        FloatVector e = Simd.exp(FloatVector.fromArray(F, p, j).fma(scale, shift));
                        e.intoArray(p, j);
                        acc = acc.add(e);
                    }
                    double sum = Simd.sum(acc);
                    for (; j < n; j++) {
                        p[j] = (float) Math.exp(p[j] * scale + shift);
                        sum += p[j];
                    }
                    lse[h * t + i] = (float) (scale * max + Math.log(sum));
                    java.util.Arrays.fill(out, qo, qo + d, 0f);
                    float inv = (float) (1 / sum);
                    int vo = h * s * d;
                    for (j = 0; j < n; j++) {
                        axpy(p[j] * inv, v, vo + j * d, out, qo, d);
                    }
                }
            }
        });
    }

    static void backward(float[] q, float[] k, float[] v, float[] out, float[] lse, float[] gOut, int heads, int t,
                         int s, int d, float scale, float[] dq, float[] dk, float[] dv) {
        Parallel.forRange(heads, 8L * t * s * d / 2, (from, to) -> {
            float[] kt = scratch(0, s * d);
            float[] p = scratch(1, s);
            float[] vt = scratch(2, s * d);
            float[] dp = scratch(3, s);
            for (int h = from; h < to; h++) {
                int kvo = h * s * d;
                transpose(k, kvo, s, d, kt);
                transpose(v, kvo, s, d, vt);
                java.util.Arrays.fill(dk, kvo, kvo + s * d, 0f);
                java.util.Arrays.fill(dv, kvo, kvo + s * d, 0f);
                for (int i = 0; i < t; i++) {
                    int n = s - t + i + 1;
                    int qo = (h * t + i) * d;
                    float l = lse[h * t + i];
                    scores(q, qo, kt, s, d, n, p);
                    scores(gOut, qo, vt, s, d, n, dp);
                    // D_i = dO_i · O_i = Σ_j p_j dp_j
                    float big = RowKernels.dot(gOut, qo, out, qo, d);
                    int j = 0;
                    for (int bound = F.loopBound(n); j < bound; j += F.length()) {
                        FloatVector pj = Simd.exp(FloatVector.fromArray(F, p, j).fma(scale, -l));
                        pj.intoArray(p, j);
                        // dS = P·(dP - D)·scale
                        pj.mul(FloatVector.fromArray(F, dp, j).sub(big)).mul(scale).intoArray(dp, j);
                    }
                    for (; j < n; j++) {
                        p[j] = (float) Math.exp(p[j] * scale - l);
                        dp[j] = p[j] * (dp[j] - big) * scale;
                    }
                    java.util.Arrays.fill(dq, qo, qo + d, 0f);
                    for (j = 0; j < n; j++) {
                        int ko = kvo + j * d;
                        axpy(dp[j], k, ko, dq, qo, d);
                        axpy(dp[j], q, qo, dk, ko, d);
                        axpy(p[j], gOut, qo, dv, ko, d);
                    }
                }
            }
        });
    }
}
