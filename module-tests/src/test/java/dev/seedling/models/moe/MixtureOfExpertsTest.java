package dev.seedling.models.moe;

import dev.seedling.autograd.GradCheck;
import dev.seedling.models.TinyModels;
import dev.seedling.models.ffn.FeedForward;
import dev.seedling.models.ffn.SwiGluFeedForward;
import dev.seedling.models.nn.Linear;
import dev.seedling.models.optim.AdamW;
import dev.seedling.models.transformer.TransformerLM;
import dev.seedling.tensor.Generator;
import dev.seedling.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class MixtureOfExpertsTest {
    private static final int D = 6;
    private static final int E = 4;

    private static MixtureOfExperts moe(Generator g, int topK) {
        List<FeedForward> experts = new ArrayList<>();
        for (int e = 0; e < E; e++) {
            experts.add(new SwiGluFeedForward(new Linear(Tensor.randn(g, 8, D).mul(0.5f), false),
                    new Linear(Tensor.randn(g, 8, D).mul(0.5f), false),
                    new Linear(Tensor.randn(g, D, 8).mul(0.5f), false)));
        }
        return new MixtureOfExperts(new Linear(Tensor.randn(g, E, D), false), experts, topK, true);
    }

    @Test
    void outputIsTheGateWeightedSumOfTheChosenExpertsPerToken() {
        Generator g = new Generator(3);
        MixtureOfExperts m = moe(g, 2);
        Tensor x = Tensor.randn(g, 5, D);
        float[] out = m.forward(x).toFloatArray();
        // naive reference: every expert on every token, combined with renormalised top-2 softmax weights
        Linear router = (Linear) m.children().get("router");
        float[] probs = router.forward(x).softmax(-1).toFloatArray();
        float[][] expertOut = new float[E][];
        for (int e = 0; e < E; e++) {
            expertOut[e] = ((FeedForward) m.children().get("experts").children().get(Integer.toString(e)))
                    .forward(x).toFloatArray();
        }
        for (int i = 0; i < 5; i++) {
            int first = -1;
            int second = -1;
            for (int e = 0; e < E; e++) {
                float p = probs[i * E + e];
                if (first < 0 || p > probs[i * E + first]) {
                    second = first;
                    first = e;
                } else if (second < 0 || p > probs[i * E + second]) {
                    second = e;
                }
            }
            float p1 = probs[i * E + first];
            float p2 = probs[i * E + second];
            for (int c = 0; c < D; c++) {
                float want = (p1 * expertOut[first][i * D + c] + p2 * expertOut[second][i * D + c]) / (p1 + p2);
                assertThat(out[i * D + c]).isCloseTo(want, offset(1e-5f));
            }
        }
    }

    @Test
    void gradientsThroughRoutingWeightsAndExpertsPassAFiniteDifferenceCheck() {
        Generator g = new Generator(11);
        MixtureOfExperts m = moe(g, 2);
        Tensor x = Tensor.randn(g, 3, D);
        var result = GradCheck.check(in -> m.forward(in[0]), x);
        assertThat(result.passed()).as(result.toString()).isTrue();
    }

    @Test
    void loadBalancingLossFollowsTheSwitchFormula() {
        Generator g = new Generator(5);
        MixtureOfExperts m = moe(g, 1);
        Tensor x = Tensor.randn(g, 16, D);
        m.forward(x);
        Linear router = (Linear) m.children().get("router");
        float[] probs = router.forward(x).softmax(-1).toFloatArray();
        double[] meanP = new double[E];
        int[] count = new int[E];
        for (int i = 0; i < 16; i++) {
            int best = 0;
            for (int e = 0; e < E; e++) {
                meanP[e] += probs[i * E + e] / 16.0;
                if (probs[i * E + e] > probs[i * E + best]) {
                    best = e;
                }
            }
            count[best]++;
        }
        double want = 0;
        for (int e = 0; e < E; e++) {
            want += E * (count[e] / 16.0) * meanP[e];
        }
        assertThat(m.loadBalancingLoss().item()).isCloseTo((float) want, offset(1e-5f));
        assertThat(m.zLoss().item()).isPositive();
    }

    @Test
    void moeLanguageModelTrainsAndNamesExpertsByIndex() {
        TransformerLM model = new TransformerLM(TinyModels.tiny("pre", "swiglu").toBuilder().moeExperts(4).moeTopK(2)
                .build());
        assertThat(model.namedParameters()).containsKeys("blocks.0.ffn.router.weight",
                "blocks.0.ffn.experts.3.down_proj.weight");
        AdamW opt = AdamW.of(model.namedParameters(), 0f);
        float first = 0;
        float last = 0;
        for (int step = 0; step < 30; step++) {
            long[][] b = TinyModels.cyclicBatch(8, 16, step);
            Tensor loss = model.loss(Tensor.ofLongs(b[0], 8, 16), Tensor.ofLongs(b[1], 8, 16));
            opt.zeroGrad();
            loss.backward();
            opt.step(1e-2);
            if (step == 0) {
                first = loss.item();
            }
            last = loss.item();
        }
        assertThat(last).isLessThan(first / 4);
    }
}
