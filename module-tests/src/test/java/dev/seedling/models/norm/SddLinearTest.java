package dev.seedling.models.norm;

import dev.seedling.autograd.GradCheck;
import dev.seedling.autograd.GradMode;
import dev.seedling.models.ffn.SddSwiGluFeedForward;
import dev.seedling.models.nn.Linear;
import dev.seedling.tensor.Functional;
import dev.seedling.tensor.Generator;
import dev.seedling.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** The numeric checks of section 4(g) of the spec for Scale-Distribution Decoupling. */
class SddLinearTest {
    private final Generator gen = new Generator(21);
    private final Tensor v = Tensor.randn(gen, 6, 5);
    private final Tensor x = Tensor.randn(gen, 3, 5);

    @Test
    void outputIsInvariantToRescalingTheWeightOrTheInput() {
        float[] y = new SddLinear(v, 1f, 0f).forward(x).toFloatArray();
        float[] scaledWeight = new SddLinear(v.mul(7.5f), 1f, 0f).forward(x).toFloatArray();
        float[] scaledInput = new SddLinear(v, 1f, 0f).forward(x.mul(0.03f)).toFloatArray();
        for (int i = 0; i < y.length; i++) {
            assertThat(scaledWeight[i]).isCloseTo(y[i], offset(1e-6f));
            assertThat(scaledInput[i]).isCloseTo(y[i], offset(1e-6f));
        }
    }

    @Test
    void everyOutputRowHasRmsAlpha() {
        for (float a : new float[]{1f, 0.25f}) {
            Tensor y = new SddLinear(v, a, 0f).forward(x);
            float[] rms = y.square().mean(-1, false).sqrt().toFloatArray();
            for (float r : rms) {
                assertThat(r).isCloseTo(a, offset(1e-6f));
            }
        }
    }

    @Test
    void weightGradientIsOrthogonalToTheWeightAndAllGradientsMatchFiniteDifferences() {
        SddLinear sdd = new SddLinear(v.clone(), 1f, 0f);
        try (var ng = GradMode.noGrad()) {
            sdd.namedParameters().get("alpha").value().copyFrom(Tensor.randn(gen, 6));
        }
        Tensor r = Tensor.randn(gen, 3, 6);
        sdd.forward(x).mul(r).sum().backward();
        Tensor w = sdd.weight();
        Tensor g = w.grad();
        // <∂L/∂V, V>_F = 0: the forward is invariant to rescaling all of V (the norm runs over the outputs, so
        // rescaling one row alone is not a symmetry and the per-row products need not vanish)
        assertThat(g.mul(w).sum().item()).isCloseTo(0f, offset(1e-5f));
        assertThat(g.abs().sum().item()).isGreaterThan(0.1f);
        var result = GradCheck.check(in -> Functional.rmsNorm(in[0].matmul(in[1].mT()), in[2], 0f), x, v,
                Tensor.randn(gen, 6));
        assertThat(result.passed()).as(result.toString()).isTrue();
    }

    @Test
    void sddLinearIsALinearFollowedByTheRmsNormModuleBitwise() {
        SddLinear sdd = new SddLinear(v, 0.5f, 1e-5f);
        RmsNorm norm = new RmsNorm(6, 1e-5f, true);
        try (var ng = GradMode.noGrad()) {
            norm.namedParameters().get("weight").value().copyFrom(Tensor.full(0.5f, 6));
        }
        assertThat(sdd.forward(x).toFloatArray())
                .containsExactly(norm.forward(new Linear(v, false).forward(x)).toFloatArray());
    }

    @Test
    void outputProjectionAtInitHasTokenRmsOneOverRootTwoL() {
        int layers = 8;
        float alpha = (float) (1 / Math.sqrt(2 * layers));
        Tensor y = new SddLinear(v, alpha, 0f).forward(x);
        for (float r : y.square().mean(-1, false).sqrt().toFloatArray()) {
            assertThat(r).isCloseTo(alpha, offset(1e-6f));
        }
    }

    @Test
    void sddSwiGluNormalisesTheFusedGateAndUpJointly() {
        Linear gate = new Linear(Tensor.randn(gen, 4, 5), false);
        Linear up = new Linear(Tensor.randn(gen, 4, 5), false);
        SddLinear down = new SddLinear(Tensor.randn(gen, 5, 4), 0.3f, 0f);
        Tensor fused = Functional.rmsNorm(Tensor.cat(-1, gate.forward(x), up.forward(x)), null, 0f);
        Tensor expected = down.forward(fused.narrow(-1, 0, 4).silu().mul(fused.narrow(-1, 4, 4)));
        Tensor actual = new SddSwiGluFeedForward(gate, up, down, 0f).forward(x);
        assertThat(actual.toFloatArray()).containsExactly(expected.toFloatArray());
    }
}
