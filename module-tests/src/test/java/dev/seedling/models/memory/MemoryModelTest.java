package dev.seedling.models.memory;

import dev.seedling.autograd.GradMode;
import dev.seedling.models.Parameter;
import dev.seedling.models.TinyModels;
import dev.seedling.models.attention.KvCache;
import dev.seedling.models.optim.AdamW;
import dev.seedling.models.optim.Sgd;
import dev.seedling.models.transformer.TransformerConfig;
import dev.seedling.models.transformer.TransformerLM;
import dev.seedling.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MemoryModelTest {

    static TransformerConfig withMemory(String kind, String placement) {
        MemoryConfig m = MemoryConfig.none().toBuilder().kind(kind).placement(placement).keys(6).keyDim(8)
                .valueDim(8).topM(3).heads(2).build();
        return TinyModels.tiny("pre", "swiglu").toBuilder().layers(3).memory(m).build();
    }

    @Test
    void configRoundTripsThroughJsonAndMergesAPartialMemoryObject() {
        TransformerConfig c = withMemory("ultramem", "0:2");
        assertThat(TransformerConfig.parse(c.toJson())).isEqualTo(c);
        TransformerConfig partial = TransformerConfig.parse(
                "{\"layers\": 3, \"memory\": {\"kind\": \"pkm\", \"placement\": \"1:1\"}}");
        assertThat(partial.memory().kind()).isEqualTo("pkm");
        assertThat(partial.memory().topM()).isEqualTo(MemoryConfig.none().topM());
        assertThat(TransformerConfig.small().memory().enabled()).isFalse();
        assertThatThrownBy(() -> TransformerConfig.parse("{\"memory\": {\"knn\": 3}}"))
                .hasMessageContaining("unknown config field 'memory.knn'");
        assertThatThrownBy(() -> TransformerConfig.parse(
                "{\"layers\": 2, \"memory\": {\"kind\": \"ultramem\", \"placement\": \"0:2\"}}"))
                .hasMessageContaining("memory.placement 0:2");
        assertThatThrownBy(() -> TransformerConfig.parse(
                "{\"memory\": {\"kind\": \"ultramem\", \"placement\": \"0:1\", \"expansion\": 3}}"))
                .hasMessageContaining("perfect square");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pkm", "ultramem"})
    void zeroValuesLeaveTheBaseTransformerUnchanged(String kind) {
        TransformerLM base = new TransformerLM(withMemory("none", ""));
        TransformerLM mem = new TransformerLM(withMemory(kind, "0:2"));
        Map<String, Parameter> memParams = mem.namedParameters();
        base.namedParameters().forEach((name, p) ->
                assertThat(memParams.get(name).value().toFloatArray()).as(name)
                        .containsExactly(p.value().toFloatArray()));
        Tensor ids = Tensor.ofLongs(new long[]{1, 5, 3, 7, 2, 9}, 2, 3);
        float[] before = mem.forward(ids, null).toFloatArray();
        assertThat(before).isNotEqualTo(base.forward(ids, null).toFloatArray());
        try (var ng = GradMode.noGrad()) {
            Tensor v = memParams.get("memories.0.values").value();
            v.copyFrom(Tensor.zeros(v.dims()));
        }
        assertThat(mem.forward(ids, null).toFloatArray()).containsExactly(base.forward(ids, null).toFloatArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pkm", "ultramem"})
    void kvCachedDecodingEqualsTheFullForward(String kind) {
        TransformerLM model = new TransformerLM(withMemory(kind, "0:1/1:2"));
        model.train(false);
        long[] seq = {3, 9, 2, 11, 4, 6, 1};
        try (var ng = GradMode.noGrad()) {
            float[] full = model.forward(Tensor.ofLongs(seq, 1, seq.length), null).toFloatArray();
            KvCache cache = model.newCache();
            model.forward(Tensor.ofLongs(java.util.Arrays.copyOf(seq, 3), 1, 3), cache);
            int vocab = model.config().vocabSize();
            for (int i = 3; i < seq.length; i++) {
                float[] step = model.forward(Tensor.ofLongs(new long[]{seq[i]}, 1, 1), cache).toFloatArray();
                for (int k = 0; k < vocab; k++) {
                    assertThat(step[k]).as("position %d logit %d", i, k).isCloseTo(full[i * vocab + k], within(2e-5f));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pkm", "ultramem"})
    void aModelWithAMemoryLayerLearnsTheCycle(String kind) {
        float[] losses = TinyModels.trainOnCycles(new TransformerLM(withMemory(kind, "0:1")), 30);
        assertThat(losses[1]).isLessThan(losses[0] * 0.5f);
    }

    @Test
    void theAuxiliaryLossIsPartOfTheTrainingLoss() {
        TransformerLM model = new TransformerLM(withMemory("ultramem", "0:1"));
        Tensor cores = model.namedParameters().get("memories.0.cores").value();
        try (var ng = GradMode.noGrad()) {
            // core sums diag(1, 0.3) per head: σ₂ = 0.3, aux = α·(0.3 − 0.15)² per head
            float[] c = new float[cores.numel()];
            for (int i = 0; i < c.length; i += 4) {
                c[i] = 0.5f;
                c[i + 3] = 0.15f;
            }
            cores.copyFrom(Tensor.of(c, cores.dims()));
        }
        Tensor ids = Tensor.ofLongs(new long[]{1, 2, 3, 4}, 1, 4);
        Tensor targets = Tensor.ofLongs(new long[]{2, 3, 4, 5}, 1, 4);
        float ce = dev.seedling.tensor.Functional.crossEntropy(model.forward(ids, null), targets).item();
        assertThat(model.loss(ids, targets).item()).isCloseTo(ce + 2 * 0.001f * 0.15f * 0.15f, within(1e-6f));
    }

    @Test
    void trainingStepRefreshesTheRankOneVectorsFromTheCores() {
        TransformerLM model = new TransformerLM(withMemory("ultramem", "0:1"));
        Tensor cores = model.namedParameters().get("memories.0.cores").value();
        try (var ng = GradMode.noGrad()) {
            float[] c = new float[cores.numel()];
            for (int i = 0; i < c.length; i += 4) {
                c[i + 3] = 1.5f;                           // ΣC = diag(0, 3): leading axis e₂
            }
            cores.copyFrom(Tensor.of(c, cores.dims()));
        }
        model.beforeTrainingStep();
        float[] u = model.namedParameters().get("memories.0.rank1_u").value().toFloatArray();
        assertThat(Math.abs(u[1])).isCloseTo(1f, within(1e-6f));
        assertThat(u[0]).isCloseTo(0f, within(1e-6f));
    }

    @Test
    void valueLearningRateMultiplierScalesTheUpdateOfTheValues() {
        TransformerLM model = new TransformerLM(withMemory("ultramem", "0:1").toBuilder()
                .memory(withMemory("ultramem", "0:1").memory().toBuilder().valueLrStart(4).valueLrDecaySteps(2)
                        .build()).build());
        Parameter values = model.namedParameters().get("memories.0.values");
        assertThat(values.lrMultiplier(0)).isEqualTo(4.0);
        assertThat(values.lrMultiplier(1)).isEqualTo(2.5);
        assertThat(values.lrMultiplier(2)).isEqualTo(1.0);
        assertThat(model.namedParameters().get("memories.0.value_proj.weight").lrMultiplier(0)).isEqualTo(1.0);
        // SGD at step 0 moves a row by 4·lr·g
        Tensor w = Tensor.ones(3, 2);
        Parameter p = new Parameter(w, false, 1f, values.lrSchedule());
        w.setGrad(Tensor.full(1f, 3, 2));
        new Sgd(Map.of("w", p), 0, 0).step(0.1);
        assertThat(w.toFloatArray()[0]).isCloseTo(1 - 0.4f, within(1e-6f));
        // lazy Adam: the first step moves a touched row by lr·multiplier (|m̂/√v̂| = 1)
        Tensor table = Tensor.zeros(4, 2).requiresSparseGrad(true);
        Parameter tp = new Parameter(table, false, 1f, values.lrSchedule());
        table.embedding(Tensor.ofLongs(new long[]{2}, 1)).sum().backward();
        AdamW.of(Map.of("t", tp), 0f).step(0.01);
        float[] t = table.toFloatArray();
        assertThat(t[4]).isCloseTo(-0.04f, within(1e-5f));
        assertThat(t[0]).isEqualTo(0f);
    }
}
