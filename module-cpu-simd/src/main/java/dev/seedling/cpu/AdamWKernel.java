package dev.seedling.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

import static dev.seedling.cpu.Simd.F;

/**
 * The AdamW update of every parameter, reading {@code p, g, m, v} once and writing {@code p, m, v} in place: one pass
 * instead of the dozen temporaries of the composite.
 */
final class AdamWKernel {
    private static final int CHUNK = 8192;

    private AdamWKernel() {
    }

    static void step(float[][] params, int[] pOff, float[][] grads, int[] gOff, float[][] ms, float[][] vs,
                     int[] sizes, float[] lr, float[] decay, float beta1, float beta2, float eps, float c1,
                     float c2) {
        for (int k = 0; k < params.length; k++) {
            float[] p = params[k];
            float[] g = grads[k];
            float[] m = ms[k];
            float[] v = vs[k];
            int po = pOff[k];
            int go = gOff[k];
            int n = sizes[k];
            float keep = 1 - lr[k] * decay[k];
            float step = -lr[k] / c1;
            float invC2 = 1 / c2;
            Parallel.forRange((n + CHUNK - 1) / CHUNK, CHUNK * 8L, (from, to) -> {
                int i = from * CHUNK;
                int end = Math.min(n, to * CHUNK);
                for (int bound = i + F.loopBound(end - i); i < bound; i += F.length()) {
                    FloatVector gv = FloatVector.fromArray(F, g, go + i);
                    FloatVector mv = FloatVector.fromArray(F, m, i).mul(beta1).add(gv.mul(1 - beta1));
                    FloatVector vv = FloatVector.fromArray(F, v, i).mul(beta2).add(gv.mul(gv).mul(1 - beta2));
                    mv.intoArray(m, i);
                    vv.intoArray(v, i);
                    FloatVector denom = vv.mul(invC2).lanewise(VectorOperators.SQRT).add(eps);
                    FloatVector pv = FloatVector.fromArray(F, p, po + i).mul(keep);
                    mv.div(denom).fma(FloatVector.broadcast(F, step), pv).intoArray(p, po + i);
                }
                for (; i < end; i++) {
                    float gi = g[go + i];
                    float mi = m[i] * beta1 + gi * (1 - beta1);
                    float vi = v[i] * beta2 + gi * gi * (1 - beta2);
                    m[i] = mi;
                    v[i] = vi;
                    p[po + i] = p[po + i] * keep + step * (mi / ((float) Math.sqrt(vi * invC2) + eps));
                }
            });
        }
    }
}
