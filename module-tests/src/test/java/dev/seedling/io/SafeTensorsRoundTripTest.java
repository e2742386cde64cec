package dev.seedling.io;

import dev.seedling.tensor.DType;
import dev.seedling.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SafeTensorsRoundTripTest {
    @TempDir
    Path dir;

    private static final float[] SPECIAL = {0f, -0f, 1f, -1.5f, Float.MIN_VALUE, Float.MAX_VALUE, 1f / 3f,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0x7FC00123), 1e-38f};

    static Map<String, Tensor> sample() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("blocks.0.attn.q.weight", Tensor.of(SPECIAL, 3, 4));
        m.put("ids", Tensor.ofLongs(new long[]{0, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40}, 5));
        m.put("mask", Tensor.ofInts(new int[]{Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE}, 2, 2));
        m.put("scale", Tensor.of(new float[]{2.5f}));
        m.put("empty", Tensor.of(new float[0], 0));
        m.put("empty2d", Tensor.zeros(DType.I64, 3, 0));
        return m;
    }

    static void assertBitExact(Tensor actual, Tensor expected) {
        assertThat(actual.dtype()).isEqualTo(expected.dtype());
        assertThat(actual.dims()).isEqualTo(expected.dims());
        if (expected.dtype() == DType.F32) {
            assertThat(bits(actual.toFloatArray())).isEqualTo(bits(expected.toFloatArray()));
        } else {
            assertThat(actual.toLongArray()).isEqualTo(expected.toLongArray());
        }
    }

    static int[] bits(float[] f) {
        int[] b = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            b[i] = Float.floatToRawIntBits(f[i]);
        }
        return b;
    }

    @Test
    void f32I32I64RoundTripBitExactWithMetadataAndSpecialValues() {
        Path f = dir.resolve("model.safetensors");
        Map<String, Tensor> in = sample();
        SafeTensors.write(f, in, Map.of("format", "pt", "step", "12"), FloatStorage.F32);
        SafeTensorsContents out = SafeTensors.read(f);
        assertThat(out.tensors().keySet()).containsExactlyInAnyOrderElementsOf(in.keySet());
        in.forEach((name, t) -> assertBitExact(out.tensors().get(name), t));
        assertThat(out.metadata()).containsExactly(Map.entry("format", "pt"), Map.entry("step", "12"));
    }

    @Test
    void mappedReadEqualsEagerReadAcrossManySmallMappings() {
        Path f = dir.resolve("m.safetensors");
        Map<String, Tensor> in = sample();
        SafeTensors.write(f, in, null, FloatStorage.F32);
        for (long mapping : new long[]{1, 3, 7, 13, 64, 1 << 30}) {
            try (MappedSafeTensors m = MappedSafeTensors.open(f, mapping)) {
                if (mapping < 64) {
                    assertThat(m.mappingCount()).isGreaterThan(1);
                }
                in.forEach((name, t) -> assertBitExact(m.load(name), t));
                assertThat(m.entries().get("mask").dtype()).isEqualTo(SafeTensorsDType.I32);
                assertThat(m.entries().get("mask").shape().toArray()).containsExactly(2, 2);
            }
        }
    }

    @Test
    void mappedLoadOfAnUnknownNameOrAfterCloseFailsClearly() {
        Path f = dir.resolve("m.safetensors");
        SafeTensors.write(f, sample());
        MappedSafeTensors m = SafeTensors.open(f);
        assertThatThrownBy(() -> m.load("nope")).hasMessageContaining("no tensor 'nope'").hasMessageContaining("ids");
        assertThat(m.loadAll()).hasSize(6);
        m.close();
        assertThatThrownBy(() -> m.load("ids")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void f16AndBf16StorageRoundTripExactlyRepresentableValues() {
        // Values whose significands fit in 8 bits (BF16) and 11 bits (F16), within both ranges; and specials.
        float[] exact = {0f, -0f, 1f, -2f, 0.5f, 3.0f, -0.375f, 1.5f, 96f, 1f / 64, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY};
        for (FloatStorage storage : new FloatStorage[]{FloatStorage.F16, FloatStorage.BF16}) {
            Path f = dir.resolve(storage + ".safetensors");
            Map<String, Tensor> in = Map.of("w", Tensor.of(exact, 3, 4), "ids", Tensor.ofLongs(new long[]{7}, 1));
            SafeTensors.write(f, in, Map.of(), storage);
            var out = SafeTensors.read(f);
            assertBitExact(out.tensors().get("w"), in.get("w"));
            assertBitExact(out.tensors().get("ids"), in.get("ids"));
            try (var m = SafeTensors.open(f)) {
                assertThat(m.entries().get("w").dtype()).isEqualTo(storage.storedAs());
                assertThat(m.entries().get("w").byteLength()).isEqualTo(24);
            }
        }
    }

    @Test
    void bf16RoundsToNearestEvenAndF16OverflowsToInfinity() {
        Path f = dir.resolve("r.safetensors");
        float tieDown = Float.intBitsToFloat(0x3F808000); // halfway between BF16 0x3F80 and 0x3F81: to even 0x3F80
        float tieUp = Float.intBitsToFloat(0x3F818000);   // halfway between 0x3F81 and 0x3F82: to even 0x3F82
        float above = Float.intBitsToFloat(0x3F808001);
        SafeTensors.write(f, Map.of("x", Tensor.of(new float[]{tieDown, tieUp, above, Float.NaN}, 4)), null,
                FloatStorage.BF16);
        assertThat(bits(SafeTensors.read(f).tensors().get("x").toFloatArray()))
                .containsExactly(0x3F800000, 0x3F820000, 0x3F810000, 0x7FC00000);
        SafeTensors.write(f, Map.of("x", Tensor.of(new float[]{65504f, 65520f, 1f + 0x1p-11f}, 3)), null,
                FloatStorage.F16);
        assertThat(SafeTensors.read(f).tensors().get("x").toFloatArray())
                .containsExactly(65504f, Float.POSITIVE_INFINITY, 1f);
    }

    @Test
    void headerIsCompactJsonPaddedWithSpacesToEightBytesAsTheReferenceWrites() throws Exception {
        // The reference implementation's own serialization examples: one F32 [1,2,3] tensor named "attn.0",
        // and an empty file, with and without metadata.
        Path f = dir.resolve("a.safetensors");
        SafeTensors.write(f, Map.of("attn.0", Tensor.of(new float[]{0, 1, 2, 3, 4, 5}, 1, 2, 3)));
        byte[] bytes = Files.readAllBytes(f);
        String header = "{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}";
        assertThat(bytes[0]).isEqualTo((byte) 64);
        assertThat(header).hasSize(64); // already a multiple of 8: no padding
        assertThat(new String(bytes, 8, 64, StandardCharsets.UTF_8)).isEqualTo(header);
        assertThat(bytes).hasSize(8 + 64 + 24);
        SafeTensors.write(f, Map.of("attn0", Tensor.of(new float[]{0, 1, 2, 3, 4, 5}, 1, 1, 2, 3)));
        bytes = Files.readAllBytes(f);
        assertThat(bytes[0]).isEqualTo((byte) 72);
        assertThat(new String(bytes, 8, 72, StandardCharsets.UTF_8))
                .isEqualTo("{\"attn0\":{\"dtype\":\"F32\",\"shape\":[1,1,2,3],\"data_offsets\":[0,24]}}       ");

        SafeTensors.write(f, Map.of());
        assertThat(Files.readAllBytes(f)).containsExactly(8, 0, 0, 0, 0, 0, 0, 0, '{', '}', ' ', ' ', ' ', ' ', ' ',
                ' ');
        SafeTensors.write(f, Map.of(), Map.of("framework", "pt"), FloatStorage.F32);
        assertThat(new String(Files.readAllBytes(f), 8, 40, StandardCharsets.UTF_8))
                .isEqualTo("{\"__metadata__\":{\"framework\":\"pt\"}}     ");
        assertThat(SafeTensors.read(f).metadata()).containsExactly(Map.entry("framework", "pt"));
    }

    @Test
    void tensorsAreLaidOutByDescendingDtypeThenNameSoEachIsAligned() {
        Path f = dir.resolve("o.safetensors");
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("z", Tensor.of(new float[]{1}, 1));
        in.put("b", Tensor.ofInts(new int[]{1, 2, 3}, 3));
        in.put("a", Tensor.of(new float[]{1, 2, 3}, 3));
        in.put("c", Tensor.ofLongs(new long[]{1}, 1));
        SafeTensors.write(f, in, null, FloatStorage.BF16);
        try (var m = SafeTensors.open(f)) {
            assertThat(m.entries().keySet()).containsExactly("c", "b", "a", "z");
            for (TensorEntry e : m.entries().values()) {
                assertThat(e.begin() % e.dtype().byteSize()).isZero();
            }
        }
    }

    @Test
    void writeRejectsTheReservedNameAndUnpairedSurrogates() {
        Path f = dir.resolve("x.safetensors");
        assertThatThrownBy(() -> SafeTensors.write(f, Map.of("__metadata__", Tensor.scalar(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> SafeTensors.write(f, Map.of("bad\uD800", Tensor.scalar(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unpaired surrogate");
        assertThat(f).doesNotExist();
    }

    @Test
    void namesWithQuotesControlCharactersAndNonAsciiRoundTrip() {
        Path f = dir.resolve("n.safetensors");
        String name = "we\"ird\\na\u0001me/ünï😀\n";
        SafeTensors.write(f, Map.of(name, Tensor.scalar(3)), Map.of("k\u001f", "v\t\"ü\""), FloatStorage.F32);
        var out = SafeTensors.read(f);
        assertThat(out.tensors()).containsOnlyKeys(name);
        assertThat(out.metadata()).containsExactly(Map.entry("k\u001f", "v\t\"ü\""));
    }

    @Test
    void mappedLoadsFromManyThreadsAtOnceAgree() throws Exception {
        Path f = dir.resolve("c.safetensors");
        float[] big = new float[100_003];
        for (int i = 0; i < big.length; i++) {
            big[i] = i * 0.5f - 7;
        }
        SafeTensors.write(f, Map.of("big", Tensor.of(big, big.length), "ids", Tensor.ofLongs(new long[]{5, 6}, 2)));
        try (var m = MappedSafeTensors.open(f, 4093);
             var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<float[]>>();
            for (int i = 0; i < 16; i++) {
                futures.add(pool.submit(() -> m.load("big").toFloatArray()));
            }
            for (var fu : futures) {
                assertThat(fu.get()).isEqualTo(big);   // O(n); containsExactly is quadratic on 100k elements
            }
        }
    }

    @Test
    void gapsBetweenTensorsAndTrailingBytesAreAcceptedAndIgnored() throws Exception {
        // The reference reader refuses these; Seedling reads by offset, so they are harmless.
        String header = "{\"b\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[8,12]},"
                + "\"a\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = java.nio.ByteBuffer.allocate(8 + h.length + 20).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putLong(h.length).put(h).putInt(11).putInt(-1).putInt(22).putInt(-1).array();
        Path f = dir.resolve("g.safetensors");
        Files.write(f, bytes);
        var c = SafeTensors.read(f);
        assertThat(c.tensors().keySet()).containsExactly("b", "a");
        assertThat(c.tensors().get("a").toLongArray()).containsExactly(11);
        assertThat(c.tensors().get("b").toLongArray()).containsExactly(22);
    }
}
