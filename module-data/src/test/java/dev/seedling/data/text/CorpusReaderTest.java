package dev.seedling.data.text;

import dev.seedling.data.progress.Progress;
import dev.seedling.data.tokenizer.BpeTokenizer;
import dev.seedling.data.tokenizer.BpeTrainer;
import dev.seedling.data.tokenizer.BpeTrainerConfig;
import dev.seedling.data.tokenizer.InvalidUtf8Exception;
import dev.seedling.data.tokenizer.Utf8Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class CorpusReaderTest {

    /** Records chunks per document. */
    static final class Docs implements DocumentSink {
        final List<List<String>> docs = new ArrayList<>(List.of(new ArrayList<>()));

        @Override
        public void text(String chunk) {
            docs.get(docs.size() - 1).add(chunk);
        }

        @Override
        public void endDocument() {
            docs.add(new ArrayList<>());
        }

        List<String> joined() {
            return docs.subList(0, docs.size() - 1).stream().map(d -> String.join("", d)).toList();
        }
    }

    private static List<String> read(Path f, DocumentBoundary b) {
        Docs d = new Docs();
        new CorpusReader(b, Utf8Policy.STRICT).read(f, d, null);
        return d.joined();
    }

    @Test
    void splitsDocumentsAtFilesBlankLinesOrLines(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("c.txt"), "one\ntwo\n\n \nthree\r\n\nfour");
        assertThat(read(f, DocumentBoundary.FILE)).containsExactly("one\ntwo\n\n \nthree\r\n\nfour");
        assertThat(read(f, DocumentBoundary.BLANK_LINE)).containsExactly("one\ntwo", "three", "four");
        assertThat(read(f, DocumentBoundary.LINE)).containsExactly("one", "two", "three", "four");
    }

    @Test
    void aVeryLongLineIsPassedOnInChunksAndStillEndsItsDocument(@TempDir Path dir) throws IOException {
        String longLine = "word ".repeat(500_000).trim();
        Path f = Files.writeString(dir.resolve("lines.txt"), "short\n" + longLine + "\r\n\nlast\n");
        Docs d = new Docs();
        new CorpusReader(DocumentBoundary.LINE, Utf8Policy.STRICT).read(f, d, null);
        assertThat(d.docs.get(1)).hasSizeGreaterThan(1);
        assertThat(d.joined()).containsExactly("short", longLine, "last");
        Docs p = new Docs();
        new CorpusReader(DocumentBoundary.BLANK_LINE, Utf8Policy.STRICT).read(f, p, null);
        assertThat(p.joined()).containsExactly("short\n" + longLine, "last");
    }

    @Test
    void strictModeNamesTheFileAndByteOffset(@TempDir Path dir) throws IOException {
        byte[] bytes = "héllo wörld\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        bytes[8] = (byte) 0xC0; // an overlong-sequence lead byte in place of 'ö''s first byte
        Path f = Files.write(dir.resolve("bad.txt"), bytes);
        assertThatThrownBy(() -> read(f, DocumentBoundary.FILE)).isInstanceOf(InvalidUtf8Exception.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("byte offset 8");
        Docs lenient = new Docs();
        new CorpusReader(DocumentBoundary.FILE, Utf8Policy.LENIENT).read(f, lenient, null);
        assertThat(lenient.joined().get(0)).contains("\uFFFD");
    }

    @Test
    void anUnreadableFileIsAnErrorNamingIt(@TempDir Path dir) throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("gone.txt"), dir.resolve("deleted-target.txt"));
        assertThatThrownBy(() -> read(link, DocumentBoundary.FILE)).isInstanceOf(TextSourceException.class)
                .hasMessageContaining(link.toString());
    }

    @Test
    void chunksOfALongDocumentEncodeExactlyAsTheWhole(@TempDir Path dir) throws IOException {
        SplittableRandom rng = new SplittableRandom(11);
        String[] words = {"alpha", "beta", "gamma", "  ", "\n", "\t", "δέλτα", "1234", "!!", "'s", " ", "🙂"};
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 1_300_000) {
            sb.append(words[rng.nextInt(words.length)]);
        }
        Path f = Files.writeString(dir.resolve("long.txt"), sb);
        Docs d = new Docs();
        new CorpusReader(DocumentBoundary.FILE, Utf8Policy.STRICT).read(f, d, null);
        List<String> chunks = d.docs.get(0);
        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(String.join("", chunks)).isEqualTo(sb.toString());
        BpeTokenizer t = BpeTrainer.train(BpeTrainerConfig.of(300), List.of(sb.substring(0, 20000)));
        int[] pieced = chunks.stream().map(t::encode).flatMapToInt(java.util.Arrays::stream).toArray();
        assertThat(java.util.Arrays.equals(pieced, t.encode(sb))).as("chunked ids equal whole-document ids").isTrue();
    }

    @Test
    void aLeadingByteOrderMarkIsSkippedInEveryBoundaryModeAndCountedInProgress(@TempDir Path dir) throws IOException {
        byte[] text = "one\n\ntwo\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bytes = new byte[text.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(text, 0, bytes, 3, text.length);
        Path f = Files.write(dir.resolve("bom.txt"), bytes);
        assertThat(read(f, DocumentBoundary.FILE)).containsExactly("one\n\ntwo\n");
        assertThat(read(f, DocumentBoundary.BLANK_LINE)).containsExactly("one", "two");
        assertThat(read(f, DocumentBoundary.LINE)).containsExactly("one", "two");
        try (Progress p = Progress.toTerminal("bom", bytes.length, "bytes",
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))) {
            new CorpusReader(DocumentBoundary.FILE, Utf8Policy.STRICT).read(f, new Docs(), p);
            assertThat(p.done()).isEqualTo(bytes.length);
        }
        Path only = Files.write(dir.resolve("only-bom.txt"), new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        assertThat(read(only, DocumentBoundary.FILE)).containsExactly("");
        assertThat(read(only, DocumentBoundary.LINE)).isEmpty();
        bytes[5] = (byte) 0xC0; // the 'e' of "one": the offset still counts the mark
        Path bad = Files.write(dir.resolve("bad-bom.txt"), bytes);
        assertThatThrownBy(() -> read(bad, DocumentBoundary.FILE)).isInstanceOf(InvalidUtf8Exception.class)
                .hasMessageContaining("byte offset 5");
    }

    @Test
    void aVeryLongWhiteSpaceOnlyLineIsBlankAndReadInLinearTime(@TempDir Path dir) throws IOException {
        String blank = " \t".repeat((1 << 19) + 40_000); // past the 1 Mi chars at which long lines are chunked
        Path f = Files.writeString(dir.resolve("blank.txt"), "a\n" + blank + "\nb\n");
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> { // it took minutes when rescanned per char
            assertThat(read(f, DocumentBoundary.BLANK_LINE)).containsExactly("a", "b");
            assertThat(read(f, DocumentBoundary.LINE)).containsExactly("a", "b");
        });
    }
}
