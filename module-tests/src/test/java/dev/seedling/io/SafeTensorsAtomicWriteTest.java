package dev.seedling.io;

import dev.seedling.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SafeTensorsAtomicWriteTest {
    @TempDir
    Path dir;

    private Path existingCheckpoint() {
        Path f = dir.resolve("model.safetensors");
        SafeTensors.write(f, Map.of("w", Tensor.of(new float[]{1, 2, 3}, 3)), Map.of("step", "1"), FloatStorage.F32);
        return f;
    }

    private void assertOldFileIntactAndNoTempLeft(Path f, byte[] before) throws Exception {
        assertThat(Files.readAllBytes(f)).isEqualTo(before);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("model.safetensors");
        }
    }

    @Test
    void failureWhileWritingDataLeavesTheOldFileAndNoTempFile() throws Exception {
        Path f = existingCheckpoint();
        byte[] before = Files.readAllBytes(f);
        Tensor released = Tensor.of(new float[]{4, 5}, 2);
        released.close(); // reading its data fails midway through the write, after the header and earlier tensors
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("a", Tensor.of(new float[1000], 1000));
        tensors.put("b", released);
        tensors.put("c", Tensor.of(new float[]{6}, 1));
        assertThatThrownBy(() -> SafeTensors.write(f, tensors, Map.of("step", "2"), FloatStorage.F32))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("released");
        assertOldFileIntactAndNoTempLeft(f, before);
    }

    @Test
    void mapWhoseIterationThrowsMidwayLeavesTheOldFile() throws Exception {
        Path f = existingCheckpoint();
        byte[] before = Files.readAllBytes(f);
        Map<String, Tensor> exploding = new AbstractMap<>() {
            @Override
            public Set<Entry<String, Tensor>> entrySet() {
                return new java.util.AbstractSet<>() {
                    @Override
                    public Iterator<Entry<String, Tensor>> iterator() {
                        return new Iterator<>() {
                            int i;

                            @Override
                            public boolean hasNext() {
                                return true;
                            }

                            @Override
                            public Entry<String, Tensor> next() {
                                if (i++ == 2) {
                                    throw new IllegalStateException("iteration failed midway");
                                }
                                return Map.entry("t" + i, Tensor.scalar(i));
                            }
                        };
                    }

                    @Override
                    public int size() {
                        return 5;
                    }
                };
            }
        };
        assertThatThrownBy(() -> SafeTensors.write(f, exploding)).hasMessageContaining("midway");
        assertOldFileIntactAndNoTempLeft(f, before);
    }

    @Test
    void missingDirectoryIsAnUncheckedIoErrorNamingTheFile() {
        Path f = dir.resolve("no/such/dir/model.safetensors");
        assertThatThrownBy(() -> SafeTensors.write(f, Map.of("w", Tensor.scalar(1))))
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining(f.toString());
    }

    /** The temporary file has a short name of its own: a target near the file system's name limit still works. */
    @Test
    void aTargetWithANameNearTheLimitIsWritten() throws Exception {
        Path f = dir.resolve("m".repeat(230) + ".safetensors");    // 242 characters: a plain file of this name is fine
        SafeTensors.write(f, Map.of("w", Tensor.of(new float[]{1, 2, 3}, 3)));
        assertThat(SafeTensors.read(f).tensors().get("w").toFloatArray()).containsExactly(1, 2, 3);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly(f.getFileName().toString());
        }
    }

    @Test
    void successfulWriteReplacesTheOldFileCompletely() throws Exception {
        Path f = existingCheckpoint();
        SafeTensors.write(f, Map.of("v", Tensor.ofInts(new int[]{9}, 1)), Map.of("step", "2"), FloatStorage.F32);
        var c = SafeTensors.read(f);
        assertThat(c.tensors()).containsOnlyKeys("v");
        assertThat(c.metadata()).containsEntry("step", "2");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.count()).isEqualTo(1);
        }
    }
}
