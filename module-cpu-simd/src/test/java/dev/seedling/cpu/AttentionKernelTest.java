package dev.seedling.cpu;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AttentionKernel} against a float64 causal attention written out loop by loop, at sizes that exercise the
 * query blocks (one, several, a last partial block and a last block of one row), more keys than queries (down to one
 * query against a long cache, as in decoding), and head widths below, at and off the register-blocked width.
 */
class AttentionKernelTest {
    private static final SplittableRandom RANDOM = new SplittableRandom(11);

    private static float[] random(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) RANDOM.nextDouble(-1, 1);
        }
        return x;
    }

    @Test
    void forwardAndBackwardMatchTheFloat64Reference() {
        for (int[] c : new int[][]{{3, 37, 41, 24}, {2, 9, 9, 64}, {2, 5, 12, 5}, {1, 1, 1, 16}, {2, 4, 4, 33},
                {4, 13, 13, 16}, {2, 2 * AttentionKernel.QB + 3, 2 * AttentionKernel.QB + 20, 40},
                {1, AttentionKernel.QB + 1, AttentionKernel.QB + 1, 64}, {2, 1, 150, 64}, {2, 3, 2 * AttentionKernel.QB + 5, 8}}) {
            check(c[0], c[1], c[2], c[3]);
        }
    }

    private static void check(int heads, int t, int s, int d) {
        float scale = (float) (1 / Math.sqrt(d));
        float[] q = random(heads * t * d);
        float[] k = random(heads * s * d);
        float[] v = random(heads * s * d);
        float[] gOut = random(heads * t * d);
        float[] out = new float[heads * t * d];
        float[] lse = new float[heads * t];
        AttentionKernel.forward(q, k, v, heads, 1, t, s, d, scale, out, lse);
        float[] dq = new float[q.length];
        float[] dk = new float[k.length];
        float[] dv = new float[v.length];
        AttentionKernel.backward(q, k, v, out, lse, gOut, heads, 1, t, s, d, scale, dq, dk, dv);
        if (heads % 2 == 0) {
            checkGroups(heads / 2 == 1 ? heads : 2, heads, t, s, d, scale, q, k, v, gOut, out, lse, dq, dk, dv);
        }

        double[] eOut = new double[out.length];
        double[] eDq = new double[q.length];
        double[] eDk = new double[k.length];
        double[] eDv = new double[v.length];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < t; i++) {
                int n = s - t + i + 1;
                int qo = (h * t + i) * d;
                double[] p = new double[n];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    double dot = 0;
                    for (int e = 0; e < d; e++) {
                        dot += (double) q[qo + e] * k[(h * s + j) * d + e];
                    }
                    p[j] = dot * scale;
                    max = Math.max(max, p[j]);
                }
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    p[j] = Math.exp(p[j] - max);
                    sum += p[j];
                }
                assertThat((double) lse[h * t + i]).as("lse h%d i%d", h, i).isCloseTo(max + Math.log(sum),
                        org.assertj.core.data.Offset.offset(1e-5 * (1 + Math.abs(max))));
                double[] dp = new double[n];
                double big = 0;
                for (int j = 0; j < n; j++) {
                    p[j] /= sum;
                    for (int e = 0; e < d; e++) {
                        eOut[qo + e] += p[j] * v[(h * s + j) * d + e];
                        dp[j] += (double) gOut[qo + e] * v[(h * s + j) * d + e];
                    }
                    big += p[j] * dp[j];
                }
                for (int j = 0; j < n; j++) {
                    double ds = p[j] * (dp[j] - big) * scale;
                    for (int e = 0; e < d; e++) {
                        int ko = (h * s + j) * d + e;
                        eDq[qo + e] += ds * k[ko];
                        eDk[ko] += ds * q[qo + e];
                        eDv[ko] += p[j] * gOut[qo + e];
                    }
                }
            }
        }
        String at = "heads " + heads + " t " + t + " s " + s + " d " + d;
        assertClose(at + " out", out, eOut);
        assertClose(at + " dq", dq, eDq);
        assertClose(at + " dk", dk, eDk);
        assertClose(at + " dv", dv, eDv);
    }

    /**
     * The same heads with their rows interleaved in groups ({@code [batch, rows, groups, d]}, heads split from a
     * projection) give bit-identical results: only the addresses differ.
     */
    private static void checkGroups(int groups, int heads, int t, int s, int d, float scale, float[] q, float[] k,
                                    float[] v, float[] gOut, float[] out, float[] lse, float[] dq, float[] dk,
                                    float[] dv) {
        float[] gq = interleave(q, heads, groups, t, d);
        float[] gk = interleave(k, heads, groups, s, d);
        float[] gv = interleave(v, heads, groups, s, d);
        float[] gg = interleave(gOut, heads, groups, t, d);
        float[] gout = new float[out.length];
        float[] glse = new float[lse.length];
        AttentionKernel.forward(gq, gk, gv, heads, groups, t, s, d, scale, gout, glse);
        float[] gdq = new float[dq.length];
        float[] gdk = new float[dk.length];
        float[] gdv = new float[dv.length];
        AttentionKernel.backward(gq, gk, gv, gout, glse, gg, heads, groups, t, s, d, scale, gdq, gdk, gdv);
        String at = "groups " + groups + " heads " + heads + " t " + t + " s " + s + " d " + d;
        assertThat(glse).as(at + " lse").containsExactly(lse);
        assertThat(gout).as(at + " out").containsExactly(interleave(out, heads, groups, t, d));
        assertThat(gdq).as(at + " dq").containsExactly(interleave(dq, heads, groups, t, d));
        assertThat(gdk).as(at + " dk").containsExactly(interleave(dk, heads, groups, s, d));
        assertThat(gdv).as(at + " dv").containsExactly(interleave(dv, heads, groups, s, d));
    }

    /** {@code [heads, rows, d]} to {@code [heads / groups, rows, groups, d]}. */
    private static float[] interleave(float[] x, int heads, int groups, int rows, int d) {
        float[] y = new float[x.length];
        for (int h = 0; h < heads; h++) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(x, (h * rows + r) * d, y, AttentionKernel.base(h, groups, rows, d) + r * groups * d, d);
            }
        }
        return y;
    }

    private static void assertClose(String what, float[] actual, double[] expected) {
        for (int i = 0; i < actual.length; i++) {
            double tol = 2e-5 + 2e-5 * Math.abs(expected[i]);
            if (Math.abs(actual[i] - expected[i]) > tol) {
                throw new AssertionError(what + "[" + i + "] = " + actual[i] + ", expected " + expected[i]);
            }
        }
    }
}
