package dev.seedling.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link DurableFiles}: an atomic write replaces the file or leaves it as it was, with no temporary file either way;
 * the directory fsync forces where it can and never fails where the platform cannot.
 */
class DurableFilesTest {
    @TempDir
    Path dir;

    private List<String> names() throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writeAtomicallyReplacesTheFileAndLeavesNoTemporary() throws Exception {
        Path f = Files.writeString(dir.resolve("state.json"), "old");
        DurableFiles.writeAtomically(f, ch -> ch.write(ByteBuffer.wrap("new".getBytes(StandardCharsets.UTF_8))));
        assertThat(Files.readString(f)).isEqualTo("new");
        assertThat(names()).containsExactly("state.json");
    }

    @Test
    void writeAtomicallyThatFailsMidwayLeavesTheOldFileAndNoTemporary() throws Exception {
        Path f = Files.writeString(dir.resolve("state.json"), "old");
        assertThatThrownBy(() -> DurableFiles.writeAtomically(f, ch -> {
            ch.write(ByteBuffer.wrap("half".getBytes(StandardCharsets.UTF_8)));
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessageContaining("state.json").hasMessageContaining("disk full");
        assertThatThrownBy(() -> DurableFiles.writeAtomically(f, ch -> {
            throw new IllegalStateException("content changed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(Files.readString(f)).isEqualTo("old");
        assertThat(names()).containsExactly("state.json");
    }

    @Test
    void removeLeftoversDeletesOnlyThatFilesInterruptedTemporaries() throws Exception {
        Path f = Files.writeString(dir.resolve("tokens.bin"), "done");
        Files.writeString(dir.resolve(".tokens.bin.3f9a0c.tmp"), "partial");
        Files.writeString(dir.resolve(".tokens.bin.c0ffee12.tmp"), "partial");
        Files.writeString(dir.resolve(".other.bin.3f9a0c.tmp"), "someone else's");
        Files.writeString(dir.resolve(".tokens.bin.notes.tmp"), "not a temporary of ours");
        assertThat(DurableFiles.removeLeftovers(f)).isEqualTo(2);
        assertThat(names()).containsExactly(".other.bin.3f9a0c.tmp", ".tokens.bin.notes.tmp", "tokens.bin");
        assertThat(DurableFiles.removeLeftovers(dir.resolve("gone").resolve("x"))).isZero();
    }

    @Test
    void writeAtomicallyIntoAMissingDirectoryNamesTheFile() {
        Path f = dir.resolve("gone").resolve("state.json");
        assertThatThrownBy(() -> DurableFiles.writeAtomically(f, ch -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining(f.toString());
    }

    @Test
    void fsyncDirectoryForcesADirectoryAfterARenameIntoIt() throws Exception {
        Path tmp = Files.writeString(dir.resolve(".a.tmp"), "x");
        Files.move(tmp, dir.resolve("a"), StandardCopyOption.ATOMIC_MOVE);
        assertThatCode(() -> DurableFiles.fsyncDirectory(dir)).doesNotThrowAnyException();
        assertThat(Files.readString(dir.resolve("a"))).isEqualTo("x");
    }

    @Test
    void fsyncDirectorySkipsADirectoryItCannotOpen() {
        assertThatCode(() -> DurableFiles.fsyncDirectory(dir.resolve("gone"))).doesNotThrowAnyException();
    }

    @Test
    void fsyncDirectorySkipsAFileSystemThatCannotOpenDirectoriesForFsync() throws Exception {
        try (FileSystem zip = FileSystems.newFileSystem(dir.resolve("a.zip"), Map.of("create", "true"))) {
            Path inside = Files.createDirectories(zip.getPath("/d"));
            assertThatCode(() -> DurableFiles.fsyncDirectory(inside)).doesNotThrowAnyException();
        }
    }

    @Test
    void fsyncDirectoryRefusesNull() {
        assertThatThrownBy(() -> DurableFiles.fsyncDirectory(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("dir");
    }
}
