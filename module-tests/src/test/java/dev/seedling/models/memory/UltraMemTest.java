package dev.seedling.models.memory;

import dev.seedling.autograd.GradCheck;
import dev.seedling.autograd.GradMode;
import dev.seedling.models.nn.Linear;
import dev.seedling.tensor.Generator;
import dev.seedling.tensor.RowSparseGrad;
import dev.seedling.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class UltraMemTest {

    static MemoryConfig ultra(int keys, int topM, int heads, int rank, int cores, int expansion) {
        return MemoryConfig.none().toBuilder().kind("ultramem").placement("0:0").keys(keys).keyDim(8).valueDim(8)
                .topM(topM).heads(heads).rank(rank).cores(cores).expansion(expansion).build();
    }

    static void set(Tensor p, float[] values) {
        try (var ng = GradMode.noGrad()) {
            p.copyFrom(Tensor.of(values, p.dims()));
        }
    }

    @Test
    void rankOnePositiveScoresMakeTheTwoStageTopMExact() {
        int n = 12;
        int m = 4;
        Generator gen = new Generator(4);
        Tensor a = Tensor.rand(gen, 3, 1, n).add(0.1f);
        Tensor b = Tensor.rand(gen, 3, 1, n).add(0.1f);
        float c = 1.7f;
        var sel = TuckerRetrieval.select(a, b, new float[]{1}, new float[]{1}, List.of(Tensor.of(new float[]{c}, 1, 1)), m);
        float[] av = a.toFloatArray();
        float[] bv = b.toFloatArray();
        float[] s = sel.coreScores().toFloatArray();
        for (int t = 0; t < 3; t++) {
            Integer[] all = new Integer[n * n];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            final int tt = t;
            Arrays.sort(all, (x, y) -> Float.compare(c * av[tt * n + y / n] * bv[tt * n + y % n],
                    c * av[tt * n + x / n] * bv[tt * n + x % n]));
            for (int j = 0; j < m; j++) {
                assertThat(sel.slots()[t * m + j]).isEqualTo((long) all[j]);
                assertThat(s[t * m + j]).isCloseTo(c * av[t * n + all[j] / n] * bv[t * n + all[j] % n], within(1e-5f));
            }
        }
    }

    @Test
    void mixedSignScoresShowTheTwoStageIsApproximate() {
        // (−3)·(−3) = 9 is the best product, but the coarse stage keeps the largest single scores (1 and 1)
        Tensor a = Tensor.of(new float[]{-3, 1, 0.5f}, 1, 1, 3);
        var sel = TuckerRetrieval.select(a, a, new float[]{1}, new float[]{1}, List.of(Tensor.of(new float[]{1}, 1, 1)), 1);
        assertThat(sel.slots()[0]).isEqualTo(1L * 3 + 1);
        assertThat(sel.coreScores().item()).isEqualTo(1f);
    }

    @Test
    void aRankOneCoreGivesProductsOfTheCoarseScores() {
        Generator gen = new Generator(9);
        int r = 2;
        int n = 10;
        int m = 3;
        float[] u = {0.6f, 0.8f};
        float[] t = {0.8f, -0.6f};
        Tensor core = Tensor.of(new float[]{u[0] * t[0], u[0] * t[1], u[1] * t[0], u[1] * t[1]}, r, r);
        Tensor sRow = Tensor.randn(gen, 2, r, n);
        Tensor sCol = Tensor.randn(gen, 2, r, n);
        var sel = TuckerRetrieval.select(sRow, sCol, u, t, List.of(core), m);
        float[] a = sRow.mul(Tensor.of(u, 1, r, 1)).sum(1, false).toFloatArray();
        float[] b = sCol.mul(Tensor.of(t, 1, r, 1)).sum(1, false).toFloatArray();
        float[] s = sel.coreScores().toFloatArray();
        for (int tok = 0; tok < 2; tok++) {
            for (int j = 0; j < m; j++) {
                long slot = sel.slots()[tok * m + j];
                assertThat(s[tok * m + j]).isCloseTo(a[tok * n + (int) (slot / n)] * b[tok * n + (int) (slot % n)],
                        within(1e-5f));
            }
        }
    }

    @Test
    void selectingBySummedCoresEqualsTheSingleSummedCore() {
        Generator gen = new Generator(10);
        Tensor sRow = Tensor.randn(gen, 3, 2, 9);
        Tensor sCol = Tensor.randn(gen, 3, 2, 9);
        Tensor c1 = Tensor.rand(gen, 2, 2);
        Tensor c2 = Tensor.rand(gen, 2, 2);
        float[] u = {0.7f, 0.7f};
        var two = TuckerRetrieval.select(sRow, sCol, u, u, List.of(c1, c2), 4);
        var one = TuckerRetrieval.select(sRow, sCol, u, u, List.of(c1.add(c2)), 4);
        assertThat(two.slots()).containsExactly(one.slots());
        float[] summed = two.coreScores().sum(2, false).toFloatArray();
        float[] single = one.coreScores().reshape(3, 4).toFloatArray();
        for (int i = 0; i < single.length; i++) {
            assertThat(summed[i]).isCloseTo(single[i], within(1e-5f));
        }
    }

    @Test
    void poolThenProjectEqualsLookingUpTheMaterialisedVirtualTable() {
        int physical = 9;
        int e = 4;
        int vdim = 6;
        int cores = 2;
        int d = 5;
        Generator gen = new Generator(12);
        var ive = new ImplicitValueExpansion(physical, e, 77L);
        Tensor values = Tensor.randn(gen, physical, vdim);
        Linear proj = new Linear(Tensor.randn(gen, d, e * vdim), false);
        int tokens = 3;
        int perToken = 5;
        long[] slots = new long[tokens * perToken];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = (i * 7L) % (physical * e);
        }
        slots[1] = slots[0];                                          // a repeated slot accumulates
        Tensor scores = Tensor.randn(gen, tokens, perToken, cores);
        float[] out = ive.poolThenProject(values, scores, slots, proj).toFloatArray();
        // materialised Ṽ_p = V·W_pᵀ per core slice, looked up and weighted directly
        float[] w = proj.weight().toFloatArray();
        float[] v = values.toFloatArray();
        float[] s = scores.toFloatArray();
        int slice = vdim / cores;
        for (int t = 0; t < tokens; t++) {
            for (int o = 0; o < d; o++) {
                double expect = 0;
                for (int j = 0; j < perToken; j++) {
                    long slot = slots[t * perToken + j];
                    int row = ive.physicalRow(slot);
                    int p = ive.projector(slot);
                    for (int c = 0; c < cores; c++) {
                        double virt = 0;
                        for (int k = c * slice; k < (c + 1) * slice; k++) {
                            virt += w[o * e * vdim + p * vdim + k] * v[row * vdim + k];
                        }
                        expect += s[(t * perToken + j) * cores + c] * virt;
                    }
                }
                assertThat(out[t * d + o]).isCloseTo((float) expect, within(1e-4f));
            }
        }
    }

    @Test
    void withoutExpansionAndIdentityProjectionTheOutputIsTheScoreWeightedValueSum() {
        int physical = 6;
        int vdim = 4;
        int[] identity = {0, 1, 2, 3, 4, 5};
        var ive = new ImplicitValueExpansion(physical, 1, identity);
        Tensor values = Tensor.randn(new Generator(1), physical, vdim);
        Linear eye = new Linear(Tensor.eye(vdim), false);
        long[] slots = {4, 1, 4, 2};
        Tensor scores = Tensor.of(new float[]{0.5f, -2f, 1.5f, 3f}, 2, 2, 1);
        float[] out = ive.poolThenProject(values, scores, slots, eye).toFloatArray();
        float[] v = values.toFloatArray();
        float[] s = scores.toFloatArray();
        for (int t = 0; t < 2; t++) {
            for (int k = 0; k < vdim; k++) {
                float expect = s[2 * t] * v[(int) slots[2 * t] * vdim + k] + s[2 * t + 1] * v[(int) slots[2 * t + 1] * vdim + k];
                assertThat(out[t * vdim + k]).isCloseTo(expect, within(1e-5f));
            }
        }
    }

    @Test
    void thePermutationIsABijectionCoveringEveryRowAndPoolOnce() {
        var ive = new ImplicitValueExpansion(25, 4, 3L);
        Set<Long> pairs = new HashSet<>();
        for (int v = 0; v < ive.virtualSize(); v++) {
            pairs.add((long) ive.physicalRow(v) * 4 + ive.projector(v));
        }
        assertThat(pairs).hasSize(100);
        assertThat(pairs.stream().mapToLong(Long::longValue).max().getAsLong()).isEqualTo(99);
    }

    @Test
    void auxiliaryLossPenalisesOnlyTheSecondSingularValueAboveTau() {
        UltraMemLayer layer = new UltraMemLayer(ultra(4, 2, 1, 2, 1, 4), 8, 2, new Generator(1), 1);
        Tensor cores = layer.namedParameters().get("cores").value();
        set(cores, new float[]{1, 0, 0, 0.1f});
        assertThat(layer.auxiliaryLoss().item()).isEqualTo(0f);
        set(cores, new float[]{1, 0, 0, 0.3f});
        assertThat(layer.auxiliaryLoss().item()).isCloseTo(0.001f * 0.15f * 0.15f, within(1e-9f));
        layer.auxiliaryLoss().backward();
        // ∂σ₂/∂C = u₂·v₂ᵀ = e₂·e₂ᵀ
        assertThat(cores.grad().toFloatArray()).containsExactly(new float[]{0, 0, 0, 0.001f * 2 * 0.15f},
                within(1e-8f));
    }

    @Test
    void rankOneRefreshOfDiagonalCoreIsTheFirstAxisWithItsSignKept() {
        double[][] c = {{3, 0}, {0, 1}};
        double[][] first = SmallSvd.rank1WithSignContinuity(c, new double[2], new double[2]);
        assertThat(Math.abs(first[0][0])).isCloseTo(1, within(1e-12));
        assertThat(first[0][1]).isCloseTo(0, within(1e-12));
        assertThat(first[1][0] * first[0][0]).isCloseTo(1, within(1e-12));
        double[][] flipped = SmallSvd.rank1WithSignContinuity(c, new double[]{-1, 0}, new double[]{-1, 0});
        assertThat(flipped[0]).containsExactly(new double[]{-1, 0}, within(1e-12));
        assertThat(flipped[1]).containsExactly(new double[]{-1, 0}, within(1e-12));
        double[][] kept = SmallSvd.rank1WithSignContinuity(c, new double[]{1, 0}, new double[]{1, 0});
        assertThat(kept[0]).containsExactly(new double[]{1, 0}, within(1e-12));
    }

    @Test
    void smallSvdReconstructsRandomMatrices() {
        java.util.Random r = new java.util.Random(5);
        for (int size = 1; size <= 5; size++) {
            double[][] m = new double[size][size];
            for (double[] row : m) {
                for (int j = 0; j < size; j++) {
                    row[j] = r.nextGaussian();
                }
            }
            SmallSvd svd = SmallSvd.of(m);
            for (int i = 0; i < size; i++) {
                if (i > 0) {
                    assertThat(svd.sigma()[i]).isLessThanOrEqualTo(svd.sigma()[i - 1]);
                }
                for (int j = 0; j < size; j++) {
                    double rec = 0;
                    for (int k = 0; k < size; k++) {
                        rec += svd.u()[i][k] * svd.sigma()[k] * svd.v()[j][k];
                    }
                    assertThat(rec).isCloseTo(m[i][j], within(1e-9));
                }
            }
        }
    }

    @Test
    void valueLearningRateMultiplierDecaysLinearlyFromStartToOne() {
        var f = ValueLearningRate.linearDecay(4, 100);
        assertThat(f.applyAsDouble(0)).isEqualTo(4.0);
        assertThat(f.applyAsDouble(50)).isCloseTo(2.5, within(1e-12));
        assertThat(f.applyAsDouble(100)).isEqualTo(1.0);
        assertThat(f.applyAsDouble(500)).isEqualTo(1.0);
        assertThat(ValueLearningRate.linearDecay(10, 10).applyAsDouble(0)).isEqualTo(10.0);
    }

    @Test
    void monteCarloMeanOfTheLargerOfTwoNormalsIsOneOverRootPi() {
        assertThat(MemoryInit.expectedTopMean(2, 1, 50_000, 1)).isCloseTo(1 / Math.sqrt(Math.PI), within(0.01));
    }

    @Test
    void valueInitStdFollowsThePaperFormula() {
        assertThat(MemoryInit.valueStd(4, 32, 2, 24)).isCloseTo(0.0361f, within(1e-4f));
        assertThat(MemoryInit.valueStd(4, 32, 2, 24)).isCloseTo((float) Math.sqrt(1 / 768.0), within(1e-7f));
        // the built table has that spread
        MemoryConfig c = ultra(40, 32, 2, 2, 2, 4);
        UltraMemLayer layer = new UltraMemLayer(c, 8, 24, new Generator(2), 1);
        float[] v = layer.values().toFloatArray();
        double ss = 0;
        for (float f : v) {
            ss += f * f;
        }
        assertThat(Math.sqrt(ss / v.length)).isCloseTo(0.0361, within(0.002));
    }

    @Test
    void onlySelectedValueRowsGetAGradient() {
        UltraMemLayer layer = new UltraMemLayer(ultra(6, 3, 2, 2, 2, 4), 10, 2, new Generator(3), 5);
        Tensor x = Tensor.randn(new Generator(4), 2, 3, 10);
        layer.forward(x).square().sum().backward();
        RowSparseGrad g = layer.values().sparseGrad();
        assertThat(layer.values().grad()).isNull();
        assertThat(g.indices().numel()).isEqualTo(6 * 2 * 3);
        Set<Long> touched = new HashSet<>();
        for (long r : g.indices().toLongArray()) {
            touched.add(r);
        }
        float[] dense = g.toDense().toFloatArray();
        for (int row = 0; row < 36; row++) {
            boolean nonZero = false;
            for (int c = 0; c < 8; c++) {
                nonZero |= dense[row * 8 + c] != 0;
            }
            assertThat(nonZero).as("row %d", row).isEqualTo(touched.contains((long) row));
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        UltraMemLayer layer = new UltraMemLayer(ultra(5, 3, 2, 2, 2, 4), 10, 2, new Generator(3), 5);
        layer.refreshRank1();
        var result = GradCheck.check(new GradCheck.Options(1e-3, 3e-3, 3e-2, 42), in -> layer.forward(in[0]),
                Tensor.randn(new Generator(6), 3, 10));
        assertThat(result.passed()).as(result.toString()).isTrue();
        MemoryGradients.assertParameterGradients(layer, () -> layer.forward(Tensor.randn(new Generator(6), 3, 10)),
                "value_proj.weight", "cores", "query_proj.weight", "query_norm.weight", "key_norm.weight", "keys");
    }

    @Test
    void theEvaluationKeyCacheOutlivesTheTensorScopeItWasMadeIn() {
        UltraMemLayer layer = new UltraMemLayer(ultra(4, 2, 1, 2, 1, 4), 8, 2, new Generator(1), 1);
        layer.train(false);
        Tensor x = Tensor.rand(new Generator(2), 3, 8);
        float[] first;
        try (var ng = GradMode.noGrad()) {
            try (var scope = dev.seedling.tensor.TensorScope.open()) {
                first = layer.forward(x).toFloatArray();   // fills the cache inside the scope
            }
            try (var scope = dev.seedling.tensor.TensorScope.open()) {
                assertThat(layer.forward(x).toFloatArray()).containsExactly(first);
            }
        }
    }
}
