package dev.seedling.models.activation;

import dev.seedling.autograd.GradCheck;
import dev.seedling.autograd.GradMode;
import dev.seedling.models.ffn.PolyFeedForward;
import dev.seedling.models.transformer.TransformerConfig;
import dev.seedling.models.transformer.TransformerLM;
import dev.seedling.tensor.Generator;
import dev.seedling.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** The unit checks of the PolyCom spec, section (f), plus the coefficient layout and gradient checks. */
class PolyComTest {
    private static final Tensor X = Tensor.randn(new Generator(3), 4, 6).mul(1.5f);

    /** Sets (a3, a2, a1) and a0 of an order-3 activation, in the official layout weight = [a3, a2, a1]. */
    private static <A extends PolyActivation> A withCoefficients(A act, float a3, float a2, float a1, float a0) {
        try (var ng = GradMode.noGrad()) {
            act.weight().copyFrom(Tensor.of(new float[]{a3, a2, a1}, 3));
            act.bias().copyFrom(Tensor.of(new float[]{a0}, 1));
        }
        return act;
    }

    private static void assertClose(float[] got, float[] want, float tol) {
        assertThat(got).hasSameSizeAs(want);
        for (int i = 0; i < want.length; i++) {
            assertThat(got[i]).as("element %d", i).isCloseTo(want[i], offset(tol));
        }
    }

    @Test
    void initialisationAndLayoutFollowTheOfficialCode() {
        PolyNorm p = new PolyNorm(3);
        assertThat(p.weight().toFloatArray()).containsExactly(1 / 3f, 1 / 3f, 1 / 3f);
        assertThat(p.bias().toFloatArray()).containsExactly(0f);
        assertThat(p.namedParameters().keySet()).containsExactly("weight", "bias");
        assertThat(p.namedParameters().get("weight").weightDecay()).isFalse();
        // weight[0] multiplies the cubic term: with (1, 0, 0) PolyReLU is relu(x)^3
        PolyReLU cubic = withCoefficients(new PolyReLU(3), 1, 0, 0, 0);
        assertClose(cubic.forward(X).toFloatArray(), X.relu().pow(3).toFloatArray(), 1e-5f);
    }

    @Test
    void polyReluWithLinearCoefficientIsReluAndWithSquareIsReluSquared() {
        assertClose(withCoefficients(new PolyReLU(3), 0, 0, 1, 0).forward(X).toFloatArray(),
                X.relu().toFloatArray(), 0f);
        assertClose(withCoefficients(new PolyReLU(3), 0, 1, 0, 0).forward(X).toFloatArray(),
                X.relu().square().toFloatArray(), 1e-6f);
    }

    @Test
    void polyNormWithOnlyTheLinearTermHasUnitMeanSquarePerRow() {
        float[] y = withCoefficients(new PolyNorm(3), 0, 0, 1, 0).forward(X).toFloatArray();
        float[] x = X.toFloatArray();
        for (int r = 0; r < 4; r++) {
            double ms = 0;
            double ys = 0;
            for (int c = 0; c < 6; c++) {
                ms += x[r * 6 + c] * x[r * 6 + c] / 6.0;
                ys += y[r * 6 + c] * y[r * 6 + c] / 6.0;
            }
            assertThat(ys).isCloseTo(ms / (ms + PolyNorm.EPS), offset(1e-5));
        }
    }

    @Test
    void polyNormWorkedExample() {
        // x = [1, -1, 1, -1], initial coefficients: x² = 1 so N(x²) = 1/√(1+ε); x³ = x; y = (2x+1)/3
        float[] y = new PolyNorm(3).forward(Tensor.of(new float[]{1, -1, 1, -1}, 1, 4)).toFloatArray();
        assertClose(y, new float[]{1, -1 / 3f, 1, -1 / 3f}, 1e-6f);
    }

    @Test
    void polyNormIsScaleInvariantAndOddTermsFlipUnderNegation() {
        PolyNorm p = withCoefficients(new PolyNorm(3), 0.7f, -0.4f, 1.3f, 0.2f);
        assertClose(p.forward(X.mul(5f)).toFloatArray(), p.forward(X).toFloatArray(), 1e-5f);
        // PolyNorm(−x) = a3·(−N(x³)) + a2·N(x²) + a1·(−N(x)) + a0
        PolyNorm flipped = withCoefficients(new PolyNorm(3), -0.7f, -0.4f, -1.3f, 0.2f);
        assertClose(p.forward(X.neg()).toFloatArray(), flipped.forward(X).toFloatArray(), 1e-5f);
    }

    @Test
    void aZeroRowGivesTheConstantWithoutNaN() {
        Tensor zero = Tensor.zeros(2, 5);
        for (PolyActivation act : new PolyActivation[]{withCoefficients(new PolyNorm(3), 0.5f, 0.25f, 2f, 0.75f),
                withCoefficients(new PolyReLU(3), 0.5f, 0.25f, 2f, 0.75f)}) {
            Tensor x = zero.detach().clone().requiresGrad(true);
            Tensor y = act.forward(x);
            assertThat(y.toFloatArray()).containsOnly(0.75f);
            y.sum().backward();
            for (float g : x.grad().toFloatArray()) {
                assertThat(g).isFinite();
            }
        }
    }

    @Test
    void gradientsWithRespectToInputCoefficientsAndConstantMatchFiniteDifferences() {
        Tensor x = Tensor.randn(new Generator(11), 3, 5).mul(0.8f);
        // keep |x| ≥ 0.1 so PolyReLU's kink at 0 is not straddled by the finite difference
        Tensor away = x.add(x.gt(0f).toType(dev.seedling.tensor.DType.F32).mul(0.2f).sub(0.1f));
        for (PolyActivation act : new PolyActivation[]{withCoefficients(new PolyNorm(3), 0.3f, -0.6f, 0.9f, 0.1f),
                withCoefficients(new PolyReLU(3), 0.3f, -0.6f, 0.9f, 0.1f)}) {
            GradCheck.Result wrtX = GradCheck.check(in -> act.forward(in[0]), away);
            assertThat(wrtX.passed()).as(act.getClass().getSimpleName() + " dx " + wrtX).isTrue();
            checkParameterGradients(act, away);
        }
    }

    /** Central differences of L = Σ y·R for every coefficient, against the backward pass. */
    private static void checkParameterGradients(PolyActivation act, Tensor x) {
        Tensor r = Tensor.randn(new Generator(5), x.dims());
        act.zeroGrad();
        act.forward(x).mul(r).sum().backward();
        for (Tensor p : new Tensor[]{act.weight(), act.bias()}) {
            float[] analytic = p.grad().toFloatArray();
            for (int i = 0; i < p.numel(); i++) {
                double numeric = (lossWith(act, x, r, p, i, 1e-2f) - lossWith(act, x, r, p, i, -1e-2f)) / 2e-2;
                assertThat((double) analytic[i]).as("%s coefficient %d", act.getClass().getSimpleName(), i)
                        .isCloseTo(numeric, offset(2e-3 + 1e-2 * Math.abs(numeric)));
            }
        }
    }

    private static double lossWith(PolyActivation act, Tensor x, Tensor r, Tensor p, int i, float h) {
        try (var ng = GradMode.noGrad()) {
            float[] v = p.toFloatArray();
            float old = v[i];
            v[i] = old + h;
            p.copyFrom(Tensor.of(v, p.dims()));
            double loss = act.forward(x).mul(r).sum().item();
            v[i] = old;
            p.copyFrom(Tensor.of(v, p.dims()));
            return loss;
        }
    }

    @Test
    void polyFeedForwardMatchesSwiGluParameterCount() {
        int d = 16;
        int h = 24;
        TransformerConfig base = TransformerConfig.small().toBuilder().vocabSize(20).dModel(d).heads(4).kvHeads(4)
                .layers(1).maxSeqLen(8).build();
        long swiglu = ffnParams(new TransformerLM(base.toBuilder().ffn("swiglu").ffnHidden(h).build()));
        long poly = ffnParams(new TransformerLM(base.toBuilder().ffn("polynorm")
                .ffnHidden(PolyFeedForward.matchedHidden(h)).build()));
        assertThat(poly - 4).isEqualTo(swiglu);     // 2·d·1.5h = 3·d·h, plus the 4 coefficients
    }

    private static long ffnParams(TransformerLM m) {
        return m.namedParameters().entrySet().stream().filter(e -> e.getKey().startsWith("blocks.0.ffn."))
                .mapToLong(e -> e.getValue().value().numel()).sum();
    }

    @Test
    void moeExpertsShareOneSetOfCoefficientsPerLayer() {
        TransformerConfig c = TransformerConfig.small().toBuilder().vocabSize(20).dModel(16).heads(4).kvHeads(4)
                .layers(2).maxSeqLen(8).ffnHidden(12).ffn("polyrelu").moeExperts(3).moeTopK(2).build();
        var names = new TransformerLM(c).namedParameters().keySet();
        assertThat(names).contains("blocks.0.ffn.act.weight", "blocks.0.ffn.act.bias", "blocks.1.ffn.act.weight",
                "blocks.0.ffn.experts.2.up_proj.weight");
        assertThat(names.stream().filter(n -> n.contains("act."))).hasSize(4);
    }

    @Test
    void polyNormModelTrains() {
        TransformerConfig c = dev.seedling.models.TinyModels.tiny("pre", "polynorm").toBuilder().ffnHidden(96).build();
        float last = dev.seedling.models.TinyModels.trainOnCycles(new TransformerLM(c), 40)[1];
        assertThat(last).isLessThan(0.5f);
    }
}
