package dev.seedling.conformance.pytorch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seedling.tensor.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One case of the PyTorch reference fixtures written by {@code tools/reference/generate_op_fixtures.py}: the op, its
 * arguments, its inputs, PyTorch's outputs and, for differentiable cases, the upstream gradients and the input
 * gradients PyTorch computed from them.
 *
 * @param family    the fixture file the case comes from ({@code elementwise}, {@code nn}, ...)
 * @param upstreams one per output ({@code null} for integer outputs); empty when the case has no gradients
 * @param grads     one per input ({@code null} where the input takes no gradient); empty likewise
 */
public record OpFixture(String family, String name, String op, JsonNode args, List<Data> inputs, List<Data> outputs,
                        List<Data> upstreams, List<Data> grads) {
    private static final String ROOT = "/fixtures/ops/";

    /** A tensor as stored in a fixture: shape, dtype ({@code F32}, {@code I32}, {@code I64}) and row-major values. */
    public record Data(int[] shape, String dtype, double[] values, boolean requiresGrad) {

        /** A tensor with these values on the current backend. */
        public Tensor toTensor() {
            return switch (dtype) {
                case "F32" -> {
                    float[] f = new float[values.length];
                    for (int i = 0; i < f.length; i++) {
                        f[i] = (float) values[i];
                    }
                    yield Tensor.of(f, shape);
                }
                case "I64" -> {
                    long[] l = new long[values.length];
                    for (int i = 0; i < l.length; i++) {
                        l[i] = (long) values[i];
                    }
                    yield Tensor.ofLongs(l, shape);
                }
                case "I32" -> {
                    int[] n = new int[values.length];
                    for (int i = 0; i < n.length; i++) {
                        n[i] = (int) values[i];
                    }
                    yield Tensor.ofInts(n, shape);
                }
                default -> throw new IllegalArgumentException("fixture dtype " + dtype);
            };
        }

        /** Whether this holds integers. */
        public boolean integral() {
            return !dtype.equals("F32");
        }

        static Data parse(JsonNode n) {
            if (n == null || n.isNull()) {
                return null;
            }
            int[] shape = new int[n.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = n.get("shape").get(i).asInt();
            }
            JsonNode d = n.get("data");
            double[] v = new double[d.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = d.get(i).asDouble();
            }
            return new Data(shape, n.get("dtype").asText(), v, n.path("grad").asBoolean(false));
        }
    }

    /** Whether the case carries gradients (and so is differentiable). */
    public boolean hasGradients() {
        return !grads.isEmpty();
    }

    @Override
    public String toString() {
        return family + "/" + name;
    }

    /** Every case of every fixture file listed in {@code fixtures/ops/index.json}. */
    public static List<OpFixture> loadAll() {
        ObjectMapper json = new ObjectMapper();
        List<OpFixture> all = new ArrayList<>();
        for (JsonNode file : read(json, "index.json").get("files")) {
            String name = file.asText();
            String family = name.substring(0, name.length() - ".json".length());
            for (JsonNode c : read(json, name).get("cases")) {
                all.add(new OpFixture(family, c.get("name").asText(), c.get("op").asText(), c.get("args"),
                        list(c.get("inputs")), list(c.get("outputs")), list(c.get("upstreams")), list(c.get("grads"))));
            }
        }
        return all;
    }

    private static List<Data> list(JsonNode array) {
        List<Data> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(Data.parse(n)));
        }
        return out;
    }

    private static JsonNode read(ObjectMapper json, String file) {
        try (InputStream in = OpFixture.class.getResourceAsStream(ROOT + file)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + ROOT + file
                        + "; regenerate with /usr/bin/python3 tools/reference/generate_op_fixtures.py");
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
