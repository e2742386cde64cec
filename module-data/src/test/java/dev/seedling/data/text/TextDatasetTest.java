package dev.seedling.data.text;

import dev.seedling.data.loader.SequenceSource;
import dev.seedling.data.tokenizer.BpeTokenizer;
import dev.seedling.data.tokenizer.BpeTrainer;
import dev.seedling.data.tokenizer.BpeTrainerConfig;
import dev.seedling.data.tokenizer.ByteTokenizer;
import dev.seedling.data.tokenizer.Utf8Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TextDatasetTest {
    @Test
    void packsDocumentsSeparatedByEosIntoOverlappingSequences(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("c.txt"), "abc\n\ndefgh\n\nij");
        TextDatasetConfig cfg = new TextDatasetConfig(f.toString(), dir.resolve("cache"),
                DocumentBoundary.BLANK_LINE, Utf8Policy.STRICT, 4, 0.0, 1);
        TextDataset ds = TextDataset.open(cfg, ByteTokenizer.withEndOfText());
        // a b c EOS d e f g h EOS i j EOS: 13 tokens -> (13 - 1) / 4 = 3 sequences of 5
        assertThat(ds.sequences().size()).isEqualTo(3);
        long[] s = new long[5];
        ds.sequences().read(1, s, 0);
        assertThat(s).containsExactly('d', 'e', 'f', 'g', 'h');
        ds.sequences().read(2, s, 0);
        assertThat(s).containsExactly('h', 256, 'i', 'j', 256);
        assertThat(ds.train().size()).isEqualTo(3);
        assertThat(ds.validation().size()).isZero();
    }

    @Test
    void trainingOnFilesEqualsTrainingOnTheirText(@TempDir Path dir) throws IOException {
        String a = "the cat sat on the mat\nthe cat ate\n";
        String b = "a mat, a cat; the end\n";
        Files.writeString(dir.resolve("a.txt"), a);
        Files.writeString(dir.resolve("b.txt"), b);
        BpeTrainerConfig cfg = new BpeTrainerConfig(280, List.of("<|endoftext|>"), 1, Utf8Policy.LENIENT);
        BpeTokenizer fromFiles = TextDataset.trainTokenizer(dir.toString(), cfg, Utf8Policy.STRICT);
        assertThat(fromFiles.merges()).isNotEmpty();
        assertThat(fromFiles.fingerprint()).isEqualTo(BpeTrainer.train(cfg, List.of(a, b)).fingerprint());
    }

    @Test
    void theSplitIsDeterministicDisjointAndComplete() {
        TrainValidationSplit a = TrainValidationSplit.of(10_000, 0.1, 42);
        TrainValidationSplit b = TrainValidationSplit.of(10_000, 0.1, 42);
        assertThat(a.validation()).containsExactly(b.validation());
        assertThat(a.validation().length).isBetween(900, 1100);
        int[] all = IntStream.concat(Arrays.stream(a.train()), Arrays.stream(a.validation())).sorted().toArray();
        assertThat(all).containsExactly(IntStream.range(0, 10_000).toArray());
        TrainValidationSplit longer = TrainValidationSplit.of(20_000, 0.1, 42);
        assertThat(Arrays.stream(longer.validation()).filter(i -> i < 10_000).toArray())
                .containsExactly(a.validation());
        assertThat(TrainValidationSplit.of(10_000, 0.1, 43).validation()).isNotEqualTo(a.validation());
    }

    @Test
    void theBundledCorpusIsThereAndIsEnglishText(@TempDir Path dir) throws IOException {
        Path f = BundledCorpus.extractTo(dir);
        assertThat(Files.size(f)).isEqualTo(BundledCorpus.SIZE);
        try (var lines = Files.lines(f)) {
            assertThat(lines.skip(3).findFirst().orElseThrow()).contains("In the beginning God created");
        }
        SequenceSource seq = TextDataset.open(new TextDatasetConfig(f.toString(), dir.resolve("cache"),
                DocumentBoundary.FILE, Utf8Policy.STRICT, 1024, 0.05, 0), ByteTokenizer.withEndOfText()).train();
        assertThat(seq.size()).isGreaterThan(3800);
    }
}
