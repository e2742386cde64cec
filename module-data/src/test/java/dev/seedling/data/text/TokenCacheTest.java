package dev.seedling.data.text;

import dev.seedling.data.tokenizer.ByteTokenizer;
import dev.seedling.data.tokenizer.Tokenizer;
import dev.seedling.data.tokenizer.Utf8Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenCacheTest {
    private static final Tokenizer BYTES = ByteTokenizer.withEndOfText();

    private static TokenCache.Opened open(Path src, Path cache, Tokenizer t) {
        return TokenCache.open(src.toString(), cache, t, DocumentBoundary.FILE, Utf8Policy.STRICT);
    }

    @Test
    void buildsOnceThenReusesWhileFresh(@TempDir Path dir) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("a.txt"), "ab");
        Files.writeString(src.resolve("b.txt"), "c");
        Path cache = dir.resolve("cache");
        TokenCache.Opened first = open(src, cache, BYTES);
        assertThat(first.status()).isEqualTo(TokenCache.Status.BUILT);
        assertThat(first.reason()).isEqualTo("no cache");
        assertThat(first.tokens().toArray()).containsExactly('a', 'b', 256, 'c', 256);
        assertThat(first.manifest().documentCount()).isEqualTo(2);
        TokenCache.Opened second = open(src, cache, BYTES);
        assertThat(second.status()).isEqualTo(TokenCache.Status.REUSED);
        assertThat(second.tokens().toArray()).containsExactly(first.tokens().toArray());
        try (var files = Files.list(cache)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void rebuildsWhenASourceChangesAFileIsAddedOrTheTokenizerChanges(@TempDir Path dir) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path a = Files.writeString(src.resolve("a.txt"), "ab");
        Path cache = dir.resolve("cache");
        open(src, cache, BYTES);

        Files.writeString(a, "xy"); // same size: only the modification time tells
        Files.setLastModifiedTime(a, FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() + 5000));
        TokenCache.Opened touched = open(src, cache, BYTES);
        assertThat(touched.status()).isEqualTo(TokenCache.Status.BUILT);
        assertThat(touched.reason()).contains(a.toAbsolutePath().toString());
        assertThat(touched.tokens().toArray()).containsExactly('x', 'y', 256);

        Files.writeString(src.resolve("c.txt"), "z");
        assertThat(open(src, cache, BYTES).reason()).contains("number of source files");

        Tokenizer other = new ByteTokenizer(List.of("<|endoftext|>", "<|pad|>"), Utf8Policy.LENIENT);
        TokenCache.Opened retok = open(src, cache, other);
        assertThat(retok.reason()).isEqualTo("tokenizer changed");
        assertThat(open(src, cache, other).status()).isEqualTo(TokenCache.Status.REUSED);
    }

    @Test
    void aRebuildRemovesThePartialFileOfAnInterruptedBuild(@TempDir Path dir) throws IOException {
        Path src = Files.writeString(dir.resolve("a.txt"), "abc");
        Path cache = dir.resolve("cache");
        open(src, cache, BYTES);
        String tokens;
        try (var files = Files.list(cache)) {
            tokens = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tokens")).findFirst()
                    .orElseThrow();
        }
        // what a build stopped by Ctrl-C leaves: DurableFiles' temporary, never renamed
        Path partial = Files.writeString(cache.resolve("." + tokens + ".5eed.tmp"), "partial");
        Files.writeString(src, "abd");
        Files.setLastModifiedTime(src, FileTime.fromMillis(Files.getLastModifiedTime(src).toMillis() + 5000));
        assertThat(open(src, cache, BYTES).status()).isEqualTo(TokenCache.Status.BUILT);
        assertThat(partial).doesNotExist();
    }

    @Test
    void rebuildsATruncatedTokenFile(@TempDir Path dir) throws IOException {
        Path src = Files.writeString(dir.resolve("a.txt"), "abc");
        Path cache = dir.resolve("cache");
        TokenCache.Opened built = open(src, cache, BYTES);
        Files.write(built.tokens().path(), new byte[4]);
        TokenCache.Opened again = open(src, cache, BYTES);
        assertThat(again.status()).isEqualTo(TokenCache.Status.BUILT);
        assertThat(again.reason()).contains("truncated");
        assertThat(again.tokens().count()).isEqualTo(4);
    }

    @Test
    void badInputIsAnErrorNamingThePath(@TempDir Path dir) throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> open(empty, dir.resolve("c"), BYTES)).isInstanceOf(TextSourceException.class)
                .hasMessageContaining(empty.toString());
        Path src = Files.createDirectories(dir.resolve("src"));
        Path link = Files.createSymbolicLink(src.resolve("gone.txt"), dir.resolve("deleted.txt"));
        assertThatThrownBy(() -> open(src, dir.resolve("c"), BYTES)).isInstanceOf(TextSourceException.class)
                .hasMessageContaining(link.toString());
    }
}
