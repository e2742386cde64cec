package dev.seedling.models.residual;

import dev.seedling.autograd.GradMode;
import dev.seedling.conformance.Tolerance;
import dev.seedling.models.Module;
import dev.seedling.models.Parameter;
import dev.seedling.models.norm.RmsNorm;
import dev.seedling.tensor.Generator;
import dev.seedling.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import static dev.seedling.conformance.TensorAssertions.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

/** The numeric checks of section (g) of the spec for Hyper-Connections (§1g) and Frac-Connections (§2g). */
class ConnectionsTest {
    private static final Tolerance WITHIN_1E_5 = new Tolerance(1e-5, 0);

    private static final int D = 8;

    /** A random nonlinear sublayer {@code tanh(x·W)}. */
    private static UnaryOperator<Tensor> randomSublayer(Generator gen) {
        Tensor w = Tensor.randn(gen, D, D).mul(0.5f);
        return x -> x.matmul(w).tanh();
    }

    private static Tensor h(long seed) {
        return Tensor.randn(new Generator(seed), 2, 3, D);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void hyperConnectionsWithOneStreamAreTheResidualAddBitwise(boolean dynamic) {
        Generator gen = new Generator(1);
        UnaryOperator<Tensor> t = randomSublayer(gen);
        Tensor h = h(2);
        Tensor expected = h.add(t.apply(h));
        Tensor actual = HyperConnections.collapse(new HyperConnections(1, D, 0, dynamic, 1e-5f)
                .apply(HyperConnections.expand(h, 1), t));
        assertThat(actual.toFloatArray()).containsExactly(expected.toFloatArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2,false", "2,true", "4,false", "4,true"})
    void hyperConnectionsAtInitKeepEveryStreamEqualToThePreNormStreamBitwise(String args) {
        int n = Integer.parseInt(args.split(",")[0]);
        boolean dynamic = Boolean.parseBoolean(args.split(",")[1]);
        Generator gen = new Generator(3);
        Tensor baseline = h(4);
        Tensor stream = HyperConnections.expand(baseline, n);
        for (int k = 0; k < 5; k++) {
            UnaryOperator<Tensor> t = randomSublayer(gen);
            RmsNorm norm = new RmsNorm(D, 1e-5f, true);
            baseline = new PreNormSite(norm).apply(baseline, t);
            stream = new PreNormSite(norm, new HyperConnections(n, D, k, dynamic, 1e-5f)).apply(stream, t);
            for (int row = 0; row < n; row++) {
                assertThat(stream.select(-2, row).toFloatArray()).as("site %d row %d", k, row)
                        .containsExactly(baseline.toFloatArray());
            }
        }
        // final norm of the n-fold sum: exact up to rounding with eps = 0
        float[] viaStreams = new RmsNorm(D, 0f, true).forward(HyperConnections.collapse(stream)).toFloatArray();
        float[] plain = new RmsNorm(D, 0f, true).forward(baseline).toFloatArray();
        for (int i = 0; i < plain.length; i++) {
            assertThat(viaStreams[i]).isCloseTo(plain[i], offset(1e-6f));
        }
    }

    @Test
    void dynamicHyperConnectionsEqualStaticAtInitAndTheirScalesGetZeroGradient() {
        Generator gen = new Generator(5);
        UnaryOperator<Tensor> t = randomSublayer(gen);
        Tensor stream = Tensor.randn(gen, 2, 3, 3, D);
        var dynamic = new HyperConnections(3, D, 1, true, 1e-5f);
        Tensor outStatic = new HyperConnections(3, D, 1, false, 1e-5f).apply(stream, t);
        Tensor outDynamic = dynamic.apply(stream, t);
        assertThat(outDynamic.toFloatArray()).containsExactly(outStatic.toFloatArray());
        outDynamic.mul(Tensor.randn(gen, outDynamic.dims())).sum().backward();
        Map<String, Parameter> p = dynamic.namedParameters();
        assertThat(p.get("dynamic_alpha_scale").value().grad().toFloatArray()).containsExactly(0f);
        assertThat(p.get("dynamic_beta_scale").value().grad().toFloatArray()).containsExactly(0f);
        assertThat(maxAbs(p.get("dynamic_alpha_fn").value().grad())).isGreaterThan(0f);
        assertThat(maxAbs(p.get("dynamic_beta_fn").value().grad())).isGreaterThan(0f);
    }

    @Test
    void dynamicFracConnectionsEqualStaticAtInitAndTheirScalesGetZeroGradient() {
        Generator gen = new Generator(6);
        UnaryOperator<Tensor> t = randomSublayer(gen);
        Tensor h = h(7);
        var dynamic = new FracConnections(2, D, true, 1e-5f);
        Tensor outDynamic = dynamic.apply(h, t);
        assertThat(outDynamic.toFloatArray()).containsExactly(new FracConnections(2, D, false, 1e-5f)
                .apply(h, t).toFloatArray());
        outDynamic.mul(Tensor.randn(gen, outDynamic.dims())).sum().backward();
        Map<String, Parameter> p = dynamic.namedParameters();
        assertThat(p.get("dynamic_alpha_scale").value().grad().toFloatArray()).containsExactly(0f);
        assertThat(p.get("dynamic_beta_scale").value().grad().toFloatArray()).containsExactly(0f);
        assertThat(maxAbs(p.get("dynamic_alpha_fn").value().grad())).isGreaterThan(0f);
    }

    @Test
    void everyGradientOfDynamicHyperConnectionsMatchesFiniteDifferences() {
        Generator gen = new Generator(8);
        var hc = new HyperConnections(3, D, 2, true, 1e-5f);
        randomise(hc, gen);
        UnaryOperator<Tensor> t = randomSublayer(gen);
        Tensor stream = Tensor.randn(gen, 1, 2, 3, D).requiresGrad(true);
        Tensor r = Tensor.randn(gen, 1, 2, 3, D);
        checkFiniteDifferences(hc, stream, () -> hc.apply(stream, t).mul(r).sum());
    }

    @Test
    void everyGradientOfDynamicFracConnectionsMatchesFiniteDifferences() {
        Generator gen = new Generator(9);
        var fc = new FracConnections(2, D, true, 1e-5f);
        randomise(fc, gen);
        UnaryOperator<Tensor> t = randomSublayer(gen);
        Tensor h = Tensor.randn(gen, 1, 2, D).requiresGrad(true);
        Tensor r = Tensor.randn(gen, 1, 2, D);
        checkFiniteDifferences(fc, h, () -> fc.apply(h, t).mul(r).sum());
    }

    @Test
    void extraParameterCountsAreThePapers() {
        // 16 blocks = 32 residual sites
        assertThat(32 * new HyperConnections(4, 2048, 0, false, 1e-5f).parameterCount()).isEqualTo(768);
        assertThat(32 * new HyperConnections(4, 2048, 0, true, 1e-5f).parameterCount()).isEqualTo(394_048);
        assertThat(32 * new FracConnections(4, 2048, false, 1e-5f).parameterCount()).isEqualTo(1_152);
        assertThat(32 * new FracConnections(4, 2048, true, 1e-5f).parameterCount()).isEqualTo(165_056);
    }

    @Test
    void staticMatricesAreExcludedFromWeightDecayAndDynamicProjectionsAreNot() {
        var p = new HyperConnections(2, D, 0, true, 1e-5f).namedParameters();
        assertThat(p.get("static_alpha").weightDecay()).isFalse();
        assertThat(p.get("static_beta").weightDecay()).isFalse();
        assertThat(p.get("dynamic_alpha_scale").weightDecay()).isFalse();
        assertThat(p.get("dynamic_alpha_fn").weightDecay()).isTrue();
        assertThat(new FracConnections(2, D, false, 1e-5f).namedParameters().get("static_alpha").weightDecay())
                .isFalse();
    }

    @Test
    void parallelArrangementMatricesGiveTheParallelTransformerBlock() {
        // App. H.2, n = 2: HC = [[0,1,0],[1,1,1],[1,1,1]] then [[0,0,1],[0,1,0],[1,0,1]]
        Generator gen = new Generator(10);
        UnaryOperator<Tensor> t1 = randomSublayer(gen);
        UnaryOperator<Tensor> t2 = randomSublayer(gen);
        Tensor u = h(11);
        var first = withStatic(new HyperConnections(2, D, 0, false, 0f),
                new float[]{1, 1, 1, 1, 1, 1}, new float[]{1, 0});
        var second = withStatic(new HyperConnections(2, D, 1, false, 0f),
                new float[]{0, 1, 0, 1, 0, 1}, new float[]{0, 1});
        List<Tensor> inputs = new ArrayList<>();
        Tensor stream = first.apply(HyperConnections.expand(u, 2), x -> {
            inputs.add(x);
            return t1.apply(x);
        });
        stream = second.apply(stream, x -> {
            inputs.add(x);
            return t2.apply(x);
        });
        // a third site reads A_m = (1, 1)
        var third = withStatic(new HyperConnections(2, D, 0, false, 0f),
                new float[]{1, 1, 0, 1, 0, 1}, new float[]{1, 1});
        third.apply(stream, x -> {
            inputs.add(x);
            return x;
        });
        // the HC input is replicated: the first site reads u + u through A_m = (1, 1)
        assertClose("second input", inputs.get(1), inputs.get(0), WITHIN_1E_5);
        Tensor v = inputs.get(0);
        assertClose("third input", inputs.get(2), t1.apply(v).add(t2.apply(v)).add(v.mul(2)),
                WITHIN_1E_5);
    }

    @Test
    void fracConnectionsWithOneFractionAreTheResidualAddBitwise() {
        Generator gen = new Generator(12);
        UnaryOperator<Tensor> t = randomSublayer(gen);
        Tensor h = h(13);
        for (boolean dynamic : new boolean[]{false, true}) {
            assertThat(new FracConnections(1, D, dynamic, 1e-5f).apply(h, t).toFloatArray())
                    .containsExactly(h.add(t.apply(h)).toFloatArray());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8})
    void fracConnectionsAtInitAreTheResidualAddBitwise(int m) {
        Generator gen = new Generator(14);
        Tensor h = h(15);
        Tensor baseline = h;
        for (int k = 0; k < 3; k++) {
            UnaryOperator<Tensor> t = randomSublayer(gen);
            RmsNorm norm = new RmsNorm(D, 1e-5f, true);
            baseline = new PreNormSite(norm).apply(baseline, t);
            h = new PreNormSite(norm, new FracConnections(m, D, k % 2 == 1, 1e-5f)).apply(h, t);
            assertThat(h.toFloatArray()).containsExactly(baseline.toFloatArray());
        }
    }

    @Test
    void splitAndMergeAreContiguousChunksAndInverse() {
        Tensor h = Tensor.arange(0, 8, 1).reshape(1, 8);
        Tensor parts = FracConnections.split(h, 4);
        assertThat(parts.dims()).containsExactly(1, 4, 2);
        assertThat(parts.select(1, 1).toFloatArray()).containsExactly(2f, 3f);
        assertThat(FracConnections.merge(parts).toFloatArray()).containsExactly(h.toFloatArray());
        List<Tensor> seen = new ArrayList<>();
        new FracConnections(4, 8, false, 1e-5f).apply(h, x -> {
            seen.add(x);
            return x;
        });
        assertThat(seen.get(0).toFloatArray()).containsExactly(h.toFloatArray());
    }

    @Test
    void fracConnectionsWithRandomStaticWeightsMatchAPerFractionLoop() {
        Generator gen = new Generator(16);
        int m = 2;
        int w = D / m;
        var fc = new FracConnections(m, D, false, 1e-5f);
        randomise(fc, gen);
        float[] alpha = fc.namedParameters().get("static_alpha").value().toFloatArray();  // [m, 2m] = [Y | A]
        float[] beta = fc.namedParameters().get("static_beta").value().toFloatArray();
        UnaryOperator<Tensor> t = randomSublayer(gen);
        Tensor h = Tensor.randn(gen, 1, D);
        float[] hv = h.toFloatArray();
        // eq. 8 by hand: h0_j = Σ_i Y[i,j] H_i; out_j = B_j · T(h0)_j + Σ_i A[i,j] H_i
        float[] h0 = new float[D];
        float[] res = new float[D];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < m; i++) {
                for (int c = 0; c < w; c++) {
                    h0[j * w + c] += alpha[i * 2 * m + j] * hv[i * w + c];
                    res[j * w + c] += alpha[i * 2 * m + m + j] * hv[i * w + c];
                }
            }
        }
        float[] o = t.apply(Tensor.of(h0, 1, D)).toFloatArray();
        float[] actual = fc.apply(h, t).toFloatArray();
        for (int j = 0; j < m; j++) {
            for (int c = 0; c < w; c++) {
                assertThat(actual[j * w + c]).isCloseTo(beta[j] * o[j * w + c] + res[j * w + c], offset(1e-5f));
            }
        }
    }

    @Test
    void fracRateThatDoesNotDivideTheWidthIsAnError() {
        assertThatThrownBy(() -> new FracConnections(3, D, false, 1e-5f))
                .hasMessageContaining("d_model 8").hasMessageContaining("frac rate m=3");
    }

    @Test
    void dynamicAlphaBroadcastsPerTokenWhereStaticIsShared() {
        Generator gen = new Generator(17);
        var hc = new HyperConnections(2, D, 0, true, 1e-5f);
        randomise(hc, gen);
        Tensor stream = Tensor.randn(gen, 2, 3, 2, D);
        Tensor out = hc.apply(stream, x -> x);
        assertThat(out.dims()).containsExactly(2, 3, 2, D);
        // token-wise: running one token alone gives the same rows
        Tensor single = hc.apply(stream.narrow(1, 1, 1), x -> x);
        float[] a = out.narrow(1, 1, 1).toFloatArray();
        float[] b = single.toFloatArray();
        for (int i = 0; i < a.length; i++) {
            assertThat(b[i]).isCloseTo(a[i], offset(1e-6f));
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static HyperConnections withStatic(HyperConnections hc, float[] alpha, float[] beta) {
        try (var ng = GradMode.noGrad()) {
            var p = hc.namedParameters();
            p.get("static_alpha").value().copyFrom(Tensor.of(alpha, 2, 3));
            p.get("static_beta").value().copyFrom(Tensor.of(beta, 2));
        }
        return hc;
    }

    private static void randomise(Module m, Generator gen) {
        try (var ng = GradMode.noGrad()) {
            for (Parameter p : m.namedParameters().values()) {
                p.value().copyFrom(p.value().add(Tensor.randn(gen, p.value().dims()).mul(0.3f)));
            }
        }
    }


    private static float maxAbs(Tensor t) {
        float m = 0;
        for (float v : t.toFloatArray()) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** Central differences (step 1e-2, double accumulation of float losses) for every parameter and the input. */
    private static void checkFiniteDifferences(Module module, Tensor input, Supplier<Tensor> loss) {
        loss.get().backward();
        List<Tensor> tensors = new ArrayList<>();
        List<String> names = new ArrayList<>();
        module.namedParameters().forEach((n, p) -> {
            tensors.add(p.value());
            names.add(n);
        });
        tensors.add(input);
        names.add("input");
        for (int k = 0; k < tensors.size(); k++) {
            Tensor x = tensors.get(k);
            float[] analytic = x.grad().toFloatArray();
            float[] values = x.toFloatArray();
            for (int i = 0; i < values.length; i++) {
                double numeric;
                try (var ng = GradMode.noGrad()) {
                    numeric = (at(x, values, i, 1e-2f, loss) - at(x, values, i, -1e-2f, loss)) / 2e-2;
                    x.copyFrom(Tensor.of(values, x.dims()));
                }
                assertThat((double) analytic[i]).as("%s[%d]", names.get(k), i)
                        .isCloseTo(numeric, offset(2e-3 + 2e-2 * Math.abs(numeric)));
            }
        }
    }

    private static double at(Tensor x, float[] values, int i, float step, Supplier<Tensor> loss) {
        float[] v = values.clone();
        v[i] += step;
        x.copyFrom(Tensor.of(v, x.dims()));
        return loss.get().item();
    }
}
