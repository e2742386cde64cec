package dev.seedling.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Headers of very many (empty) tensors: parsing takes memory proportional to the header's size (a child JVM with a
 * heap of a few times the header opens it) and time linear in it. Before the header's bytes were parsed without a
 * UTF-16 copy and with compact per-entry storage, a 12 MB header of 200,000 entries needed over 80 MB of heap (a copy
 * of the text, a map of boxed offsets, a shape per entry); it now needs under 48 MB.
 */
class SafeTensorsManyEntriesTest {
    static final int ENTRIES = 200_000;
    /** About 5.5 times the header of {@link #ENTRIES} entries; parsing needs about 48 MB, and needed over 80 MB. */
    static final String HEAP = "-Xmx64m";

    @TempDir
    Path dir;

    /** A file whose header lists {@code n} empty F32 tensors {@code t0, t1, ...} and whose data section is empty. */
    static byte[] manyEmptyTensors(int n) throws IOException {
        return manyEmptyTensors(n, "t");
    }

    /** The same with names {@code prefix + i}. */
    static byte[] manyEmptyTensors(int n, String prefix) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream(n * 60);
        header.write('{');
        for (int i = 0; i < n; i++) {
            header.write(((i == 0 ? "" : ",") + "\"" + prefix + i
                    + "\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}").getBytes(StandardCharsets.UTF_8));
        }
        header.write('}');
        ByteArrayOutputStream file = new ByteArrayOutputStream(8 + header.size());
        file.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.size()).array());
        header.writeTo(file);
        return file.toByteArray();
    }

    @Test
    void aHeaderOfManyEmptyTensorsOpensInABoundedHeap() throws Exception {
        Path f = dir.resolve("many.safetensors");
        byte[] bytes = manyEmptyTensors(ENTRIES);
        Files.write(f, bytes);
        assertThat(bytes.length).isBetween(11_000_000, 12_000_000);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, HEAP, "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), OpenAndCount.class.getName(), f.toString()))
                .redirectErrorStream(true).start();
        String output;
        try {
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(output).as("child JVM output").contains("entries " + ENTRIES).doesNotContain("OutOfMemoryError");
        assertThat(p.exitValue()).as("exit status; output:\n%s", output).isZero();
    }

    /**
     * With non-ASCII text each entry's file offset used to be computed by walking the header from its start, for
     * every entry whether or not it was in error: 20,000 entries took 6 s and 200,000 over a minute.
     */
    @Test
    void aNonAsciiHeaderOfManyEntriesOpensInLinearTime() throws Exception {
        Path f = dir.resolve("accents.safetensors");
        Files.write(f, manyEmptyTensors(ENTRIES, "é"));
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (MappedSafeTensors m = SafeTensors.open(f)) {
                assertThat(m.entries()).hasSize(ENTRIES).containsKey("é" + (ENTRIES - 1));
            }
        });
    }

    @Test
    void everyEntryKeepsItsNameShapeAndOffsets() throws Exception {
        Path f = dir.resolve("some.safetensors");
        Files.write(f, manyEmptyTensors(1000));
        try (MappedSafeTensors m = SafeTensors.open(f)) {
            assertThat(m.entries()).hasSize(1000);
            assertThat(m.entries().firstEntry().getKey()).isEqualTo("t0");
            assertThat(m.entries().lastEntry().getKey()).isEqualTo("t999");
            TensorEntry e = m.entries().get("t500");
            assertThat(e.name()).isEqualTo("t500");
            assertThat(e.dtype()).isEqualTo(SafeTensorsDType.F32);
            assertThat(e.shape().toArray()).containsExactly(0);
            assertThat(e.begin()).isZero();
            assertThat(e.end()).isZero();
        }
    }

    @Test
    void aDataErrorNamesTheByteOffsetOfItsOwnEntryAfterNonAsciiNames() throws Exception {
        String header = "{" + SafeTensorsCorruptFileTest.entry("é", "F32", "[0]", 0, 0) + ","
                + SafeTensorsCorruptFileTest.entry("ü", "F32", "[0]", 0, 0) + ","
                + SafeTensorsCorruptFileTest.entry("b", "F32", "[0]", 8, 0) + "}";
        Path f = dir.resolve("late.safetensors");
        Files.write(f, SafeTensorsCorruptFileTest.file(header, 8));
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        int nameAt = new String(h, StandardCharsets.ISO_8859_1).indexOf("\"b\"");
        assertThatThrownBy(() -> SafeTensors.open(f)).isInstanceOfSatisfying(SafeTensorsFormatException.class, e -> {
            assertThat(e.tensorName()).contains("b");
            assertThat(e.byteOffset()).isEqualTo(8L + nameAt);
            assertThat(e.getMessage()).contains("begin after they end");
        });
    }

    /** The child JVM's entry point: opens the file and prints how many tensors it declares. */
    public static final class OpenAndCount {
        public static void main(String[] args) {
            try (MappedSafeTensors m = SafeTensors.open(Path.of(args[0]))) {
                System.out.println("entries " + m.entries().size());
            }
        }
    }
}
