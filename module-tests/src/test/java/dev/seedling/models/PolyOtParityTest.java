package dev.seedling.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seedling.autograd.GradMode;
import dev.seedling.models.activation.PolyActivation;
import dev.seedling.models.activation.PolyNorm;
import dev.seedling.models.activation.PolyReLU;
import dev.seedling.models.embedding.NGramHashing;
import dev.seedling.models.embedding.OverEncodingEmbedding;
import dev.seedling.models.transformer.TransformerConfig;
import dev.seedling.models.transformer.TransformerLM;
import dev.seedling.tensor.RowSparseGrad;
import dev.seedling.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.seedling.models.PyTorchParityTest.floats;
import static dev.seedling.models.PyTorchParityTest.longs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/**
 * PolyCom, over-encoding and the multi-token heads against {@code tools/reference/generate_polyot_parity.py}:
 * forward values and gradients, per component and in whole tiny LMs, under Seedling's parameter names.
 */
class PolyOtParityTest {

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = PolyOtParityTest.class.getResourceAsStream("/fixtures/polyot/" + name)) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static void assertClose(String what, float[] got, float[] want, float atol, float rtol) {
        assertThat(got).as(what).hasSameSizeAs(want);
        for (int i = 0; i < want.length; i++) {
            assertThat(got[i]).as("%s[%d]", what, i).isCloseTo(want[i], offset(atol + rtol * Math.abs(want[i])));
        }
    }

    /** Dense view of whatever gradient a parameter received (dense, row-sparse, or both). */
    private static float[] gradient(Tensor p) {
        Tensor g = p.grad();
        RowSparseGrad s = p.sparseGrad();
        if (s != null) {
            g = g == null ? s.toDense() : g.add(s.toDense());
        }
        return g == null ? new float[p.numel()] : g.toFloatArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"polyrelu", "polynorm"})
    void polyComForwardAndBackwardMatchPyTorch(String kind) throws IOException {
        JsonNode f = fixture("polycom.json").get(kind);
        PolyActivation act = kind.equals("polyrelu") ? new PolyReLU(3) : new PolyNorm(3);
        try (var ng = GradMode.noGrad()) {
            act.weight().copyFrom(Tensor.of(floats(f.get("weight")), 3));
            act.bias().copyFrom(Tensor.of(floats(f.get("bias")), 1));
        }
        Tensor x = Tensor.of(floats(f.get("x")), 3, 8).requiresGrad(true);
        Tensor y = act.forward(x);
        assertClose("y", y.toFloatArray(), floats(f.get("y")), 1e-5f, 1e-5f);
        y.mul(Tensor.of(floats(f.get("r")), 3, 8)).sum().backward();
        assertClose("dx", x.grad().toFloatArray(), floats(f.get("grad_x")), 1e-5f, 1e-4f);
        assertClose("dweight", act.weight().grad().toFloatArray(), floats(f.get("grad_weight")), 1e-4f, 1e-4f);
        assertClose("dbias", act.bias().grad().toFloatArray(), floats(f.get("grad_bias")), 1e-4f, 1e-4f);
    }

    @Test
    void overEncodingForwardNGramIdsAndTableGradientsMatchPyTorch() throws IOException {
        JsonNode f = fixture("over_encoding.json");
        var hashing = new NGramHashing(f.get("vocab").asInt(), f.get("max_order").asInt(), f.get("slices").asInt(),
                f.get("modulus").asLong(), f.get("eos").asLong());
        JsonNode p = f.get("params");
        List<Tensor> tables = new ArrayList<>();
        List<Tensor> proj = new ArrayList<>();
        for (int t = 0; t < hashing.tables(); t++) {
            tables.add(tensor(p.get("ngram." + t + ".weight")));
            proj.add(tensor(p.get("proj." + t + ".weight")));
        }
        var oe = new OverEncodingEmbedding(tensor(p.get("weight")), hashing, tables, proj);
        int b = f.get("shape").get(0).asInt();
        int len = f.get("shape").get(1).asInt();
        Tensor ids = Tensor.ofLongs(longs(f.get("ids")), b, len);
        for (int row = 0; row < b; row++) {
            long[][] got = hashing.ids(java.util.Arrays.copyOfRange(ids.toLongArray(), row * len, (row + 1) * len), 0,
                    null);
            for (int t = 0; t < hashing.tables(); t++) {
                assertThat(got[t]).as("ids of row %d table %d", row, t)
                        .containsExactly(longs(f.get("ngram_ids").get(row).get(t)));
            }
        }
        Tensor e = oe.forward(ids, null);
        assertClose("e", e.toFloatArray(), floats(f.get("e")), 1e-5f, 1e-5f);
        e.mul(Tensor.of(floats(f.get("r")), e.dims())).sum().backward();
        Map<String, Parameter> params = oe.namedParameters();
        f.get("grads").fields().forEachRemaining(g -> {
            Tensor value = params.get(g.getKey()).value();
            if (g.getKey().startsWith("ngram.")) {
                assertThat(value.grad()).as(g.getKey() + " has no dense gradient").isNull();
            }
            assertClose(g.getKey(), gradient(value), floats(g.getValue()), 1e-5f, 1e-4f);
        });
    }

    private static Tensor tensor(JsonNode node) {
        int[] shape = new int[node.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = node.get("shape").get(i).asInt();
        }
        return Tensor.of(floats(node.get("data")), shape);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lm_oe_mtp_polynorm.json", "lm_parallel_polyrelu.json"})
    void tinyLanguageModelsMatchPyTorch(String name) throws IOException {
        JsonNode f = fixture(name);
        TransformerLM model = new TransformerLM(TransformerConfig.parse(f.get("config").toString()));
        Map<String, Parameter> params = model.namedParameters();
        assertThat(params.keySet()).containsExactlyInAnyOrderElementsOf(() -> f.get("params").fieldNames());
        try (var ng = GradMode.noGrad()) {
            f.get("params").fields().forEachRemaining(e -> params.get(e.getKey()).value()
                    .copyFrom(tensor(e.getValue())));
        }
        int b = f.get("batch").asInt();
        int t = f.get("time").asInt();
        Tensor ids = Tensor.ofLongs(longs(f.get("ids")), b, t);
        Tensor targets = Tensor.ofLongs(longs(f.get("targets")), b, t);
        assertClose("logits", model.forward(ids, null).toFloatArray(), floats(f.get("logits")), 1e-4f, 1e-4f);
        Tensor loss = model.loss(ids, targets);
        assertThat(loss.item()).isCloseTo((float) f.get("loss").asDouble(), offset(1e-5f));
        loss.backward();
        f.get("grads").fields().forEachRemaining(g -> assertClose(g.getKey(),
                gradient(params.get(g.getKey()).value()), floats(g.getValue()), 1e-5f, 1e-3f));
    }
}
