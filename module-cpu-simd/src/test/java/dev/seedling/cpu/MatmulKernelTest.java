package dev.seedling.cpu;

import dev.seedling.backend.MatmulSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static dev.seedling.cpu.GemmMicroKernel.MR;
import static dev.seedling.cpu.GemmMicroKernel.NR;
import static dev.seedling.cpu.PackedGemm.KC;
import static dev.seedling.cpu.PackedGemm.MC;
import static dev.seedling.cpu.PackedGemm.NC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@link MatmulKernel} against a float64 triple loop, for every route it can take (small, thin, per-entry, packed and
 * parallel), every transpose form, batched and broadcast operands, and sizes on both sides of each block boundary
 * (micro-kernel MR/NR tails, KC, MC, NC).
 */
class MatmulKernelTest {
    private static final SplittableRandom RANDOM = new SplittableRandom(3);

    @Test
    void tinyAndDepthOneProductsMatchTheReference() {
        for (int[] mnk : new int[][]{{1, 1, 1}, {1, 5, 1}, {5, 1, 1}, {2, 3, 1}, {3, 2, 4}, {1, 1, 37}, {7, 9, 1},
                {40, 40, 1}, {1, 300, 300}, {300, 1, 300}, {300, 300, 1}}) {
            everyForm(mnk[0], mnk[1], mnk[2], 1);
        }
    }

    @Test
    void microKernelTailsMatchTheReference() {
        for (int m : new int[]{MR - 1, MR, MR + 1, 2 * MR + 5}) {
            for (int n : new int[]{NR - 1, NR, NR + 1, 3 * NR + 3}) {
                everyForm(m, n, 67, 1);
            }
        }
    }

    @Test
    void depthRowAndColumnBlockBoundariesMatchTheReference() {
        everyForm(13, 2 * NR + 1, KC - 1, 1);
        everyForm(13, 2 * NR + 1, KC + 1, 1);
        everyForm(13, 2 * NR + 1, 2 * KC + 7, 1);
        everyForm(MC - 1, 19, 33, 1);
        everyForm(MC + 1, 19, 33, 1);
        everyForm(2 * MC + MR + 1, 2 * NR + 3, KC + 3, 1);
        everyForm(MR + 1, NC + NR + 3, 9, 1);
        // large and tall: the parallel product shares packed B (PackedGemm.SHARED_VOLUME)
        everyForm(2 * MC + MR + 1, 3 * NR + 1, 2 * KC + 9, 1);
    }

    @Test
    void batchedAndBroadcastProductsMatchTheReference() {
        for (int[] mnk : new int[][]{{3, 4, 5}, {9, 2 * NR + 1, 31}, {MC + 7, NR + 3, KC + 5}, {128, 128, 32}}) {
            everyForm(mnk[0], mnk[1], mnk[2], 3);
        }
    }

    @Test
    void depthZeroWritesZeros() {
        float[] c = {Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        MatmulKernel.matmul(new MatmulSpec(1, 2, 3, 0, false, false, 0, 0), new float[0], 0, new float[0], 0, c);
        assertThat(c).containsOnly(0f);
    }

    /** Every transpose form, and with {@code batch > 1} every batch pattern: both batched, A shared, B shared. */
    private static void everyForm(int m, int n, int k, int batch) {
        List<boolean[]> patterns = new ArrayList<>();
        patterns.add(new boolean[]{false, false});
        if (batch > 1) {
            patterns.add(new boolean[]{true, false});
            patterns.add(new boolean[]{false, true});
        }
        for (boolean transA : new boolean[]{false, true}) {
            for (boolean transB : new boolean[]{false, true}) {
                for (boolean[] shared : patterns) {
                    check(m, n, k, batch, transA, transB, shared[0], shared[1]);
                }
            }
        }
    }

    private static void check(int m, int n, int k, int batch, boolean transA, boolean transB, boolean sharedA,
                              boolean sharedB) {
        int aCount = sharedA ? 1 : batch;
        int bCount = sharedB ? 1 : batch;
        int pad = 3;    // operands start at an offset, as views into a larger storage do
        float[] a = random(pad + aCount * m * k);
        float[] b = random(pad + bCount * k * n);
        float[] c = new float[batch * m * n];
        java.util.Arrays.fill(c, Float.NaN);    // every element must be written
        MatmulSpec spec = new MatmulSpec(batch, m, n, k, transA, transB, sharedA ? 0 : m * k, sharedB ? 0 : k * n);
        MatmulKernel.matmul(spec, a, pad, b, pad, c);
        for (int e = 0; e < batch; e++) {
            int ao = pad + (sharedA ? 0 : e * m * k);
            int bo = pad + (sharedB ? 0 : e * k * n);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double want = 0;
                    double magnitude = 0;
                    for (int p = 0; p < k; p++) {
                        double x = a[ao + (transA ? p * m + i : i * k + p)];
                        double y = b[bo + (transB ? j * k + p : p * n + j)];
                        want += x * y;
                        magnitude += Math.abs(x * y);
                    }
                    // float32 accumulation in any order: |error| <= k·u·Σ|a·b| (u = 2^-24), doubled for margin
                    double bound = 2.0 * k * Math.ulp(1f) / 2 * magnitude + 1e-30;
                    float got = c[e * m * n + i * n + j];
                    if (!(Math.abs(got - want) <= bound)) {
                        fail("%s: C[%d][%d][%d] = %s, want %s (bound %s)", spec, e, i, j, got, want, bound);
                    }
                }
            }
        }
    }

    private static float[] random(int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (RANDOM.nextDouble() * 2 - 1);
        }
        return x;
    }

    /**
     * Every parallel split — one slab per thread (rows when C is tall, columns when it is wide) and, for large
     * products, shared B panels with row blocks claimed by the threads, over several depth blocks and (the last shape)
     * two column blocks — gives bit-for-bit the one-thread result.
     */
    @Test
    void parallelSplitsGiveTheSequentialResultExactly() {
        int[][] shapes = {{2 * MR + 3, 5 * NR + 7, KC + 9}, {MC * 3 + 5, NR + 1, 45}, {MR, NR, 8}, {MR + 1, 2 * NR, 300},
                {2 * MC + 5, 3 * NR + 1, 2 * KC + 9}, {2 * MR + 1, PackedGemm.NC + NR + 1, KC + 9}};
        for (int[] shared : new int[][]{shapes[4], shapes[5]}) {
            assertThat((long) shared[0] * shared[1] * shared[2]).as("the last two shapes share packed B")
                    .isGreaterThanOrEqualTo(PackedGemm.SHARED_VOLUME);
        }
        for (int[] mnk : shapes) {
            int m = mnk[0];
            int n = mnk[1];
            int k = mnk[2];
            float[] a = new float[m * k];
            float[] b = new float[k * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) RANDOM.nextDouble(-1, 1);
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) RANDOM.nextDouble(-1, 1);
            }
            float[] one = new float[m * n];
            float[] slabs = new float[m * n];
            PackedGemm.multiply(new PackedGemm.Operand(a, 0, k, 1), new PackedGemm.Operand(b, 0, n, 1), one, 0, n, m,
                    n, k, false);
            PackedGemm.multiply(new PackedGemm.Operand(a, 0, k, 1), new PackedGemm.Operand(b, 0, n, 1), slabs, 0, n,
                    m, n, k, true);
            assertThat(slabs).as("%dx%dx%d", m, n, k).containsExactly(one);
        }
    }
}
