package dev.seedling.models.heads;

import dev.seedling.autograd.GradMode;
import dev.seedling.models.TinyModels;
import dev.seedling.models.transformer.MultiTokenConfig;
import dev.seedling.models.transformer.OverEncodingConfig;
import dev.seedling.models.transformer.TransformerConfig;
import dev.seedling.models.transformer.TransformerLM;
import dev.seedling.tensor.Functional;
import dev.seedling.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

/** The output-heads slot: extra heads add weighted losses for x_{t+j}; generation reads the next-token head only. */
class MultiTokenPredictionTest {
    private static final long[] IDS = {3, 1, 4, 1, 5, 9, 2, 6};
    private static final long[] TARGETS = {1, 4, 1, 5, 9, 2, 6, 5};

    private static TransformerConfig with(MultiTokenConfig mt) {
        return TinyModels.tiny("pre", "swiglu").toBuilder().multiToken(mt).build();
    }

    @Test
    void headJTargetsTheTokenJAheadAndIgnoresPositionsPastTheEnd() {
        Tensor t = Tensor.ofLongs(TARGETS, 1, 8);
        assertThat(MultiTokenPrediction.shiftedTargets(t, 1).toLongArray()).containsExactly(TARGETS);
        assertThat(MultiTokenPrediction.shiftedTargets(t, 3).toLongArray())
                .containsExactly(1, 5, 9, 2, 6, 5, -100, -100);
        assertThat(MultiTokenPrediction.shiftedTargets(t, 9)).isNull();
    }

    @Test
    void extraHeadsLeaveTheNextTokenLogitsAndAddExactlyTheirWeightedLosses() {
        for (String mode : List.of("parallel", "sequential")) {
            TransformerLM plain = new TransformerLM(TinyModels.tiny("pre", "swiglu"));
            TransformerLM mtp = new TransformerLM(with(new MultiTokenConfig(mode, 3, List.of(0.3f, 0.05f))));
            plain.train(false);
            mtp.train(false);
            Tensor ids = Tensor.ofLongs(IDS, 1, 8);
            Tensor targets = Tensor.ofLongs(TARGETS, 1, 8);
            try (var ng = GradMode.noGrad()) {
                // the heads are built after the trunk, so the trunk's weights are the same for the same seed
                assertThat(mtp.forward(ids, null).toFloatArray())
                        .containsExactly(plain.forward(ids, null).toFloatArray(), offset(0f));
                var heads = (MultiTokenPrediction) mtp.children().get("mtp");
                assertThat(heads.extraHeads()).isEqualTo(2);
                Tensor hidden = hiddenOf(mtp, ids);
                List<Tensor> logits = heads.logits(hidden, embeddedOf(mtp, ids), h -> h.matmul(
                        mtp.namedParameters().get("embed.weight").value().mT()));
                double want = plain.loss(ids, targets).item()
                        + 0.3 * Functional.crossEntropy(logits.get(0), MultiTokenPrediction.shiftedTargets(targets, 2))
                        .item()
                        + 0.05 * Functional.crossEntropy(logits.get(1), MultiTokenPrediction.shiftedTargets(targets, 3))
                        .item();
                assertThat((double) mtp.loss(ids, targets).item()).as(mode).isCloseTo(want, offset(1e-5));
            }
        }
    }

    /** The trunk's final hidden state, the input of every head. */
    private static Tensor hiddenOf(TransformerLM m, Tensor ids) {
        return m.hidden(ids, null);
    }

    private static Tensor embeddedOf(TransformerLM m, Tensor ids) {
        return ((dev.seedling.models.embedding.InputEmbedding) m.children().get("embed")).forward(ids, null);
    }

    @Test
    void sequentialModuleReadsTheEmbeddingOfTheNextToken() {
        // changing x_{t+1} changes the MTP logits at t (through e_{t+1}) but not the next-token logits at t
        TransformerLM mtp = new TransformerLM(with(new MultiTokenConfig("sequential", 2, List.of())));
        mtp.train(false);
        var heads = (MultiTokenPrediction) mtp.children().get("mtp");
        long[] changed = IDS.clone();
        changed[4] = 7;
        try (var ng = GradMode.noGrad()) {
            float[] a = headLogits(mtp, heads, IDS);
            float[] b = headLogits(mtp, heads, changed);
            int v = 16;
            for (int i = 0; i < v; i++) {
                assertThat(b[2 * v + i]).isEqualTo(a[2 * v + i]);    // t = 2 sees x_0..x_3
            }
            assertThat(java.util.Arrays.copyOfRange(b, 3 * v, 4 * v))
                    .isNotEqualTo(java.util.Arrays.copyOfRange(a, 3 * v, 4 * v));
        }
    }

    private static float[] headLogits(TransformerLM m, MultiTokenPrediction heads, long[] ids) {
        Tensor x = Tensor.ofLongs(ids, 1, ids.length);
        return heads.logits(hiddenOf(m, x), embeddedOf(m, x),
                h -> h.matmul(m.namedParameters().get("embed.weight").value().mT())).get(0).toFloatArray();
    }

    @Test
    void overTokenizedModelTrainsAndGeneratesWithTheNextTokenHead() {
        // OT = OE + MTP
        TransformerConfig c = with(new MultiTokenConfig("sequential", 2, List.of(0.1f))).toBuilder()
                .overEncoding(new OverEncodingConfig(3, 2, 101, 0, -1)).build();
        TransformerLM model = new TransformerLM(c);
        assertThat(model.namedParameters().keySet()).contains("mtp.0.proj.weight", "mtp.0.norm_h.weight",
                "mtp.0.norm_e.weight", "mtp.0.block.attn.q_proj.weight", "mtp.0.final_norm.weight");
        float last = TinyModels.trainOnCycles(model, 40)[1];
        assertThat(last).isLessThan(0.8f);
        int[] out = dev.seedling.models.generate.TokenGenerator.generate(model, new int[]{2, 3, 4},
                dev.seedling.models.generate.SamplingOptions.greedy(4), null);
        assertThat(out).containsExactly(5, 6, 7, 0);
    }

    @Test
    void configRejectsInconsistentHeads() {
        assertThatThrownBy(() -> new MultiTokenConfig("parallel", 1, List.of())).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> new MultiTokenConfig("parallel", 3, List.of(0.1f)))
                .hasMessageContaining("loss_weights has 1");
        assertThatThrownBy(() -> new MultiTokenConfig("beam", 2, List.of())).hasMessageContaining("mode");
    }
}
