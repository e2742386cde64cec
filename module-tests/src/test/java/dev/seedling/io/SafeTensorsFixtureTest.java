package dev.seedling.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seedling.tensor.DType;
import dev.seedling.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Seedling against files from an independent writer, {@code tools/reference/write_safetensors_fixture.py}
 * (struct + json + numpy/torch, not the safetensors package). Regenerate with
 * {@code /usr/bin/python3 tools/reference/write_safetensors_fixture.py}.
 */
class SafeTensorsFixtureTest {
    private static final String DIR = "/fixtures/safetensors/";
    private static JsonNode expected;

    @TempDir
    Path tmp;

    @BeforeAll
    static void loadExpected() throws Exception {
        try (InputStream in = SafeTensorsFixtureTest.class.getResourceAsStream(DIR + "expected.json")) {
            expected = new ObjectMapper().readTree(in);
        }
    }

    private Path fixture(String name) throws Exception {
        Path p = tmp.resolve(name);
        try (InputStream in = SafeTensorsFixtureTest.class.getResourceAsStream(DIR + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    private static int[] ints(JsonNode array) {
        int[] a = new int[array.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = (int) array.get(i).asLong();
        }
        return a;
    }

    private static long[] longs(JsonNode array) {
        long[] a = new long[array.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = array.get(i).asLong();
        }
        return a;
    }

    private static void assertMatches(String name, Tensor actual, JsonNode e, DType loadsAs) {
        assertThat(actual.dims()).as(name).containsExactly(ints(e.get("shape")));
        assertThat(actual.dtype()).as(name).isEqualTo(loadsAs);
        if (e.has("f32_bits")) {
            assertThat(SafeTensorsRoundTripTest.bits(actual.toFloatArray())).as(name)
                    .containsExactly(ints(e.get("f32_bits")));
        } else {
            assertThat(actual.toLongArray()).as(name).containsExactly(longs(e.get("values")));
        }
    }

    private static Map<String, String> metadata(JsonNode m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.properties().forEach(en -> out.put(en.getKey(), en.getValue().asText()));
        return out;
    }

    @Test
    void readsEveryDtypeScalarZeroSizeAndMetadataExactlyEagerAndMapped() throws Exception {
        Path f = fixture("mixed.safetensors");
        JsonNode exp = expected.get("mixed");
        var contents = SafeTensors.read(f);
        List<String> names = new ArrayList<>();
        exp.get("tensors").fieldNames().forEachRemaining(names::add);
        assertThat(contents.tensors().keySet()).containsExactlyElementsOf(names); // header order, not data order
        assertThat(contents.metadata()).containsExactlyEntriesOf(metadata(exp.get("metadata")));
        try (var mapped = MappedSafeTensors.open(f, 5)) {
            for (String name : names) {
                JsonNode e = exp.get("tensors").get(name);
                DType loadsAs = SafeTensorsDType.fromName(e.get("dtype").asText()).orElseThrow().loadsAs()
                        .orElseThrow();
                assertMatches(name, contents.tensors().get(name), e, loadsAs);
                assertMatches(name + " (mapped)", mapped.load(name), e, loadsAs);
            }
        }
    }

    @Test
    void convertsSmallIntegerAndBoolDtypesLosslessly() throws Exception {
        var contents = SafeTensors.read(fixture("converted.safetensors"));
        expected.get("converted").get("tensors").properties().forEach(en -> {
            DType loadsAs = en.getKey().equals("u32") ? DType.I64 : DType.I32;
            assertMatches(en.getKey(), contents.tensors().get(en.getKey()), en.getValue(), loadsAs);
        });
    }

    @Test
    void refusesF64NamingTheTensorAndDtype() throws Exception {
        Path f = fixture("unsupported_f64.safetensors");
        assertThatThrownBy(() -> SafeTensors.read(f)).isInstanceOf(SafeTensorsFormatException.class)
                .hasMessageContaining("'x.f64'").hasMessageContaining("F64").hasMessageContaining(f.toString());
        try (var m = SafeTensors.open(f)) { // the header is valid; only loading the tensor is refused
            assertThat(m.entries()).containsOnlyKeys("x.f64");
            assertThatThrownBy(() -> m.load("x.f64")).isInstanceOf(SafeTensorsFormatException.class)
                    .hasMessageContaining("F64");
        }
    }

    @Test
    void writesTheSameBytesAsTheReferenceLayoutForEveryFloatStorage() throws Exception {
        JsonNode w = expected.get("written");
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        w.get("inputs").properties().forEach(en -> {
            JsonNode e = en.getValue();
            int[] shape = ints(e.get("shape"));
            Tensor t = switch (e.get("dtype").asText()) {
                case "F32" -> {
                    int[] bits = ints(e.get("f32_bits"));
                    float[] v = new float[bits.length];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = Float.intBitsToFloat(bits[i]);
                    }
                    yield Tensor.of(v, shape);
                }
                case "I32" -> Tensor.ofInts(ints(e.get("values")), shape);
                default -> Tensor.ofLongs(longs(e.get("values")), shape);
            };
            inputs.put(en.getKey(), t);
        });
        for (FloatStorage storage : FloatStorage.values()) {
            Path ours = tmp.resolve("ours_" + storage + ".safetensors");
            SafeTensors.write(ours, inputs, metadata(w.get("metadata")), storage);
            Path theirs = fixture(w.get("files").get(storage.name()).asText());
            assertThat(Files.readAllBytes(ours)).as(storage.name()).isEqualTo(Files.readAllBytes(theirs));

            var decoded = SafeTensors.read(theirs);
            w.get("decoded_f32_bits").get(storage.name()).properties().forEach(en ->
                    assertThat(SafeTensorsRoundTripTest.bits(decoded.tensors().get(en.getKey()).toFloatArray()))
                            .as(storage + " " + en.getKey()).containsExactly(ints(en.getValue())));
        }
    }
}
