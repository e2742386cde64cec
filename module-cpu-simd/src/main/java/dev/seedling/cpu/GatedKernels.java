package dev.seedling.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

import static dev.seedling.cpu.Simd.F;

/** SwiGLU's gating product and the rotary embedding, forward and backward, each one pass over its inputs. */
final class GatedKernels {
    private static final int CHUNK = 4096;

    private GatedKernels() {
    }

    private static FloatVector sigmoid(FloatVector v) {
        return FloatVector.broadcast(F, 1f).div(Simd.exp(v.neg()).add(1f));
    }

    private static float sigmoid(float v) {
        return (float) (1 / (1 + Math.exp(-v)));
    }

    static void swiglu(float[] gate, float[] up, int n, float[] dst) {
        Parallel.forRange((n + CHUNK - 1) / CHUNK, CHUNK * 4L, (from, to) -> {
            int i = from * CHUNK;
            int end = Math.min(n, to * CHUNK);
            for (int bound = i + F.loopBound(end - i); i < bound; i += F.length()) {
                FloatVector g = FloatVector.fromArray(F, gate, i);
                g.mul(sigmoid(g)).mul(FloatVector.fromArray(F, up, i)).intoArray(dst, i);
            }
            for (; i < end; i++) {
                dst[i] = gate[i] * sigmoid(gate[i]) * up[i];
            }
        });
    }

    static void swigluBackward(float[] gate, float[] up, float[] grad, int n, float[] dGate, float[] dUp) {
        Parallel.forRange((n + CHUNK - 1) / CHUNK, CHUNK * 6L, (from, to) -> {
            int i = from * CHUNK;
            int end = Math.min(n, to * CHUNK);
            for (int bound = i + F.loopBound(end - i); i < bound; i += F.length()) {
                FloatVector a = FloatVector.fromArray(F, gate, i);
                FloatVector s = sigmoid(a);
                FloatVector g = FloatVector.fromArray(F, grad, i);
                FloatVector silu = a.mul(s);
                g.mul(silu).intoArray(dUp, i);
                // d silu = σ·(1 + a·(1-σ))
                FloatVector ds = s.mul(a.mul(s.neg().add(1f)).add(1f));
                g.mul(FloatVector.fromArray(F, up, i)).mul(ds).intoArray(dGate, i);
            }
            for (; i < end; i++) {
                float a = gate[i];
                float s = sigmoid(a);
                dUp[i] = grad[i] * a * s;
                dGate[i] = grad[i] * up[i] * s * (1 + a * (1 - s));
            }
        });
    }

    static void rope(float[] x, int offset, int outer, int positions, int groups, int dim, float[] cos, float[] sin,
                     int tableRow, boolean inverse, float[] dst) {
        int half = dim / 2;
        float sign = inverse ? -1f : 1f;
        Parallel.forRange(outer * positions, 3L * dim, (from, to) -> {
            for (int r = from; r < to; r++) {
                int p = (r / groups) % positions;
                int xo = offset + r * dim;
                int yo = r * dim;
                int to0 = (tableRow + p) * dim;
                int i = 0;
                for (int bound = F.loopBound(half); i < bound; i += F.length()) {
                    FloatVector x1 = FloatVector.fromArray(F, x, xo + i);
                    FloatVector x2 = FloatVector.fromArray(F, x, xo + half + i);
                    FloatVector c1 = FloatVector.fromArray(F, cos, to0 + i);
                    FloatVector c2 = FloatVector.fromArray(F, cos, to0 + half + i);
                    FloatVector s1 = FloatVector.fromArray(F, sin, to0 + i).mul(sign);
                    FloatVector s2 = FloatVector.fromArray(F, sin, to0 + half + i).mul(sign);
                    // y1 = x1·c - x2·s, y2 = x2·c + x1·s
                    x1.mul(c1).sub(x2.mul(s1)).intoArray(dst, yo + i);
                    x2.mul(c2).add(x1.mul(s2)).intoArray(dst, yo + half + i);
                }
                for (; i < half; i++) {
                    float x1 = x[xo + i];
                    float x2 = x[xo + half + i];
                    dst[yo + i] = x1 * cos[to0 + i] - x2 * sign * sin[to0 + i];
                    dst[yo + half + i] = x2 * cos[to0 + half + i] + x1 * sign * sin[to0 + half + i];
                }
            }
        });
    }
}
