package dev.seedling.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seedling.autograd.GradMode;
import dev.seedling.models.transformer.TransformerConfig;
import dev.seedling.models.transformer.TransformerLM;
import dev.seedling.tensor.Functional;
import dev.seedling.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same weights give the same logits, loss and gradients as the PyTorch model of
 * {@code tools/reference/generate_lm_parity.py}, under Seedling's parameter names.
 */
class PyTorchParityTest {
    private static JsonNode fixture;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = PyTorchParityTest.class.getResourceAsStream("/fixtures/lm/parity.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
    }

    static float[] floats(JsonNode array) {
        float[] f = new float[array.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) array.get(i).asDouble();
        }
        return f;
    }

    static long[] longs(JsonNode array) {
        long[] l = new long[array.size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = array.get(i).asLong();
        }
        return l;
    }

    static TransformerLM modelWithFixtureWeights() {
        TransformerLM model = new TransformerLM(TransformerConfig.parse(fixture.get("config").toString()));
        Map<String, Parameter> params = model.namedParameters();
        assertThat(params.keySet()).containsExactlyInAnyOrderElementsOf(
                () -> fixture.get("params").fieldNames());
        try (var ng = GradMode.noGrad()) {
            fixture.get("params").fields().forEachRemaining(e -> {
                Tensor src = Tensor.of(floats(e.getValue().get("data")),
                        params.get(e.getKey()).value().dims());
                params.get(e.getKey()).value().copyFrom(src);
            });
        }
        return model;
    }

    @Test
    void logitsLossAndGradientsMatchPyTorch() {
        TransformerLM model = modelWithFixtureWeights();
        int b = fixture.get("batch").asInt();
        int t = fixture.get("time").asInt();
        Tensor ids = Tensor.ofLongs(longs(fixture.get("ids")), b, t);
        Tensor targets = Tensor.ofLongs(longs(fixture.get("targets")), b, t);
        Tensor logits = model.forward(ids, null);
        float[] expected = floats(fixture.get("logits"));
        float[] actual = logits.toFloatArray();
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("logit %d", i).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-4f));
        }
        Tensor loss = Functional.crossEntropy(logits, targets);
        assertThat(loss.item()).isCloseTo((float) fixture.get("loss").asDouble(),
                org.assertj.core.data.Offset.offset(1e-5f));
        loss.backward();
        fixture.get("grads").fields().forEachRemaining(e -> {
            float[] g = model.namedParameters().get(e.getKey()).value().grad().toFloatArray();
            float[] want = floats(e.getValue());
            for (int i = 0; i < want.length; i++) {
                assertThat(g[i]).as("%s[%d]", e.getKey(), i).isCloseTo(want[i],
                        org.assertj.core.data.Offset.offset(1e-5f + 1e-3f * Math.abs(want[i])));
            }
        });
    }
}
