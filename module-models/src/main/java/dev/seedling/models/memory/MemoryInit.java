package dev.seedling.models.memory;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * UltraMem's initialisation (the paper's, not the released code's; the spec's pitfall 7): values with variance
 * {@code E/(2·m·H·L)} so that the layer's output variance is about {@code 1/(2L)}, like an MLP's; query-norm gain
 * {@code 1/√E[Y]} with Y the mean of the top-m of n standard normals; key-norm gain {@code 1/√kdim}.
 */
public final class MemoryInit {
    private MemoryInit() {
    }

    /** σ of the values: {@code √(E/(2·m·H·L))}. */
    public static float valueStd(int expansion, int topM, int heads, int layers) {
        return (float) Math.sqrt((double) expansion / (2.0 * topM * heads * layers));
    }

    /** Monte Carlo estimate of E[mean of the top-m of n independent N(0,1)], from {@code trials} draws. */
    public static double expectedTopMean(int n, int m, int trials, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[n];
        double total = 0;
        for (int trial = 0; trial < trials; trial++) {
            for (int i = 0; i < n; i++) {
                x[i] = gaussian(rnd);
            }
            Arrays.sort(x);
            for (int i = n - m; i < n; i++) {
                total += x[i];
            }
        }
        return total / ((double) trials * m);
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box–Muller; one of the pair is enough here
        double u1 = 1 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** The query-norm gain {@code 1/√E[Y]} for n keys per side and top-m. */
    public static float queryNormGain(int n, int m) {
        return (float) (1 / Math.sqrt(expectedTopMean(n, m, 256, 0x5EED)));
    }
}
