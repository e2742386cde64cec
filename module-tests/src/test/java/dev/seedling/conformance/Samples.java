package dev.seedling.conformance;

import java.util.SplittableRandom;

/** Seeded test inputs as host arrays, so scalar references and tensors see the same values. */
public final class Samples {
    private Samples() {
    }

    /** {@code n} floats uniform in {@code [lo, hi)} from {@code seed}. */
    public static float[] uniform(long seed, int n, double lo, double hi) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (lo + (hi - lo) * r.nextDouble());
        }
        return v;
    }

    /** {@code n} distinct floats in {@code [lo, hi]} in shuffled order (no ties for max, argmax, topk). */
    public static float[] distinct(long seed, int n, double lo, double hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (lo + (hi - lo) * i / Math.max(1, n - 1));
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            float t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return v;
    }

    /** Product of the sizes. */
    public static int numel(int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }
}
