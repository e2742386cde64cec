package dev.seedling.models.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seedling.autograd.GradMode;
import dev.seedling.models.Module;
import dev.seedling.models.Parameter;
import dev.seedling.models.transformer.TransformerConfig;
import dev.seedling.models.transformer.TransformerLM;
import dev.seedling.tensor.Functional;
import dev.seedling.tensor.Generator;
import dev.seedling.tensor.Tensor;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The memory layers give PyTorch's outputs and gradients for the same weights
 * ({@code tools/reference/generate_memory_parity.py}): a PKM, an UltraMem layer (with the reference's permutation and
 * rank-1 vectors) and its auxiliary loss, and a Transformer LM with a PKM placed 0:1.
 */
class MemoryParityTest {
    private static JsonNode fixture;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = MemoryParityTest.class.getResourceAsStream("/fixtures/memory/parity.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
    }

    private static float[] floats(JsonNode a) {
        float[] f = new float[a.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) a.get(i).asDouble();
        }
        return f;
    }

    private static MemoryConfig memory(JsonNode c) {
        return TransformerConfig.parse("{\"layers\": 1, \"memory\": " + c.get("memory") + "}").memory();
    }

    private static void loadParams(Module m, JsonNode params) {
        Map<String, Parameter> named = m.namedParameters();
        assertThat(named.keySet()).containsExactlyInAnyOrderElementsOf(() -> params.fieldNames());
        try (var ng = GradMode.noGrad()) {
            params.fields().forEachRemaining(e -> named.get(e.getKey()).value()
                    .copyFrom(Tensor.of(floats(e.getValue()), named.get(e.getKey()).value().dims())));
        }
    }

    private static void assertClose(String what, float[] actual, float[] expected, float atol, float rtol) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("%s[%d]", what, i)
                    .isCloseTo(expected[i], Offset.offset(atol + rtol * Math.abs(expected[i])));
        }
    }

    private static float[] gradient(Tensor p) {
        return p.sparseGrad() != null ? p.sparseGrad().toDense().toFloatArray() : p.grad().toFloatArray();
    }

    private static void checkLayer(JsonNode c, MemoryLayer layer) {
        loadParams(layer, c.get("params"));
        int d = c.get("d_model").asInt();
        int tokens = c.get("tokens").asInt();
        Tensor x = Tensor.of(floats(c.get("x")), tokens, d).requiresGrad(true);
        Tensor out = layer.forward(x);
        assertClose("out", out.toFloatArray(), floats(c.get("out")), 1e-5f, 1e-4f);
        out.backward(Tensor.of(floats(c.get("weights")), out.dims()));
        assertClose("grad x", x.grad().toFloatArray(), floats(c.get("grad_x")), 1e-5f, 1e-3f);
        c.get("grads").fields().forEachRemaining(e -> assertClose(e.getKey(),
                gradient(layer.namedParameters().get(e.getKey()).value()), floats(e.getValue()), 1e-5f, 1e-3f));
    }

    @Test
    void productKeyMemoryMatchesPyTorch() {
        JsonNode c = fixture.get("pkm");
        checkLayer(c, new ProductKeyMemory(memory(c), c.get("d_model").asInt(), new Generator(0)));
    }

    @Test
    void ultraMemLayerAndItsAuxiliaryLossMatchPyTorch() {
        JsonNode c = fixture.get("ultramem");
        JsonNode perm = c.get("permutation");
        int[] p = new int[perm.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = perm.get(i).asInt();
        }
        MemoryConfig mc = memory(c);
        UltraMemLayer layer = new UltraMemLayer(mc, c.get("d_model").asInt(), 1, new Generator(0),
                new ImplicitValueExpansion(mc.keys() * mc.keys(), mc.expansion(), p));
        checkLayer(c, layer);
        layer.zeroGrad();
        Tensor aux = layer.auxiliaryLoss();
        assertThat(aux.item()).isCloseTo((float) c.get("aux").asDouble(), Offset.offset(1e-8f));
        aux.backward();
        assertClose("aux grad cores", layer.namedParameters().get("cores").value().grad().toFloatArray(),
                floats(c.get("aux_grad_cores")), 1e-8f, 1e-4f);
    }

    @Test
    void languageModelWithASkipPlacedMemoryMatchesPyTorch() {
        JsonNode c = fixture.get("lm_pkm");
        TransformerLM model = new TransformerLM(TransformerConfig.parse(c.get("config").toString()));
        loadParams(model, c.get("params"));
        int b = c.get("batch").asInt();
        int t = c.get("time").asInt();
        long[] ids = new long[b * t];
        long[] targets = new long[b * t];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = c.get("ids").get(i).asLong();
            targets[i] = c.get("targets").get(i).asLong();
        }
        Tensor logits = model.forward(Tensor.ofLongs(ids, b, t), null);
        assertClose("logits", logits.toFloatArray(), floats(c.get("logits")), 1e-4f, 1e-4f);
        Tensor loss = Functional.crossEntropy(logits, Tensor.ofLongs(targets, b, t));
        assertThat(loss.item()).isCloseTo((float) c.get("loss").asDouble(), Offset.offset(1e-5f));
        loss.backward();
        c.get("grads").fields().forEachRemaining(e -> assertClose(e.getKey(),
                gradient(model.namedParameters().get(e.getKey()).value()), floats(e.getValue()), 1e-5f, 1e-3f));
    }
}
