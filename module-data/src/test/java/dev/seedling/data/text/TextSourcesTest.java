package dev.seedling.data.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextSourcesTest {
    @Test
    void resolvesAFileADirectoryAndAGlobInSortedOrder(@TempDir Path dir) throws IOException {
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Path b = Files.writeString(dir.resolve("b.txt"), "b");
        Path a = Files.writeString(sub.resolve("a.txt"), "a");
        Files.writeString(dir.resolve("notes.md"), "m");
        Files.writeString(Files.createDirectories(dir.resolve(".seedling-cache")).resolve("x.txt"), "hidden");
        assertThat(TextSources.resolve(b.toString())).containsExactly(b);
        assertThat(TextSources.resolve(dir.toString())).containsExactly(b, a);
        assertThat(TextSources.resolve(dir + "/**.txt")).containsExactly(b, a);
        assertThat(TextSources.resolve(dir + "/*/*.txt")).containsExactly(a);
        assertThat(TextSources.resolve(dir + "/*.{txt,md}")).containsExactly(b, dir.resolve("notes.md"));
    }

    @Test
    void aDirectoryWithNoTextIsAnErrorNamingIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("data.bin"), "x");
        assertThatThrownBy(() -> TextSources.resolve(dir.toString())).isInstanceOf(TextSourceException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("no text files");
        assertThatThrownBy(() -> TextSources.resolve(dir + "/*.txt")).isInstanceOf(TextSourceException.class)
                .hasMessageContaining(dir.toString());
    }

    @Test
    void aMissingPathIsAnErrorNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("missing.txt");
        assertThatThrownBy(() -> TextSources.resolve(missing.toString())).isInstanceOf(TextSourceException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
    }
}
