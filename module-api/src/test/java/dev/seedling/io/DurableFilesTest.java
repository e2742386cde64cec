package dev.seedling.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link DurableFiles#fsyncDirectory}: forces where it can, never fails where the platform cannot. */
class DurableFilesTest {
    @TempDir
    Path dir;

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
