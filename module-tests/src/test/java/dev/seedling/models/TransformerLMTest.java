package dev.seedling.models;

import dev.seedling.autograd.GradMode;
import dev.seedling.models.transformer.TransformerConfig;
import dev.seedling.models.transformer.TransformerLM;
import dev.seedling.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransformerLMTest {

    @Test
    void tinyModelLearnsACyclicSequence() {
        float[] loss = TinyModels.trainOnCycles(new TransformerLM(TinyModels.tiny("pre", "swiglu")), 40);
        float first = loss[0];
        float last = loss[1];
        assertThat(first).isGreaterThan(2.0f);   // ≈ ln 16 at init
        assertThat(last).isLessThan(0.2f);
    }

    @Test
    void postNormAndGeluVariantsTrainToo() {
        float last = TinyModels.trainOnCycles(new TransformerLM(TinyModels.tiny("post", "gelu")), 40)[1];
        assertThat(last).isLessThan(0.5f);
    }

    @Test
    void kvCachedDecodingGivesTheSameLogitsAsAFullForward() {
        TransformerLM model = new TransformerLM(TinyModels.tiny("pre", "swiglu"));
        model.train(false);
        long[] ids = {3, 1, 4, 1, 5, 9, 2, 6};
        try (var ng = GradMode.noGrad()) {
            float[] full = model.forward(Tensor.ofLongs(ids, 1, ids.length), null).toFloatArray();
            var cache = model.newCache();
            model.forward(Tensor.ofLongs(java.util.Arrays.copyOf(ids, 5), 1, 5), cache);
            for (int t = 5; t < ids.length; t++) {
                float[] step = model.forward(Tensor.ofLongs(new long[]{ids[t]}, 1, 1), cache).toFloatArray();
                for (int v = 0; v < 16; v++) {
                    assertThat(step[v]).isCloseTo(full[t * 16 + v], org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
        }
    }

    @Test
    void parameterNamesArePathsInTheModuleTree() {
        TransformerLM model = new TransformerLM(TinyModels.tiny("pre", "swiglu"));
        assertThat(model.namedParameters().keySet()).startsWith(
                "embed.weight",
                "blocks.0.attn_residual.norm.weight",
                "blocks.0.attn.q_proj.weight",
                "blocks.0.attn.k_proj.weight",
                "blocks.0.attn.v_proj.weight",
                "blocks.0.attn.o_proj.weight",
                "blocks.0.ffn_residual.norm.weight",
                "blocks.0.ffn.gate_proj.weight",
                "blocks.0.ffn.up_proj.weight",
                "blocks.0.ffn.down_proj.weight").endsWith("final_norm.weight");
        assertThat(model.namedParameters().get("blocks.1.attn.k_proj.weight").value().dims()).containsExactly(16, 32);
    }

    @Test
    void unknownConfigFieldIsAnErrorNamingIt() {
        String json = TinyModels.tiny("pre", "swiglu").toJson().replace("\"seed\"", "\"sede\"");
        assertThatThrownBy(() -> TransformerConfig.parse(json)).hasMessageContaining("'sede'");
    }

    @Test
    void configRoundTripsThroughJson() {
        TransformerConfig c = TinyModels.tiny("post", "gelu");
        assertThat(TransformerConfig.parse(c.toJson())).isEqualTo(c);
    }

    @Test
    void tokenOutsideTheVocabularyIsAClearError() {
        TransformerLM model = new TransformerLM(TinyModels.tiny("pre", "swiglu"));
        assertThatThrownBy(() -> model.forward(Tensor.ofLongs(new long[]{1, 99}, 1, 2), null))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("99");
    }
}
