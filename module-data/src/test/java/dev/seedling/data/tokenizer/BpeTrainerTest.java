package dev.seedling.data.tokenizer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BpeTrainerTest {
    private static final BpeTrainerConfig CONFIG = new BpeTrainerConfig(320, List.of("<|endoftext|>", "<|pad|>"), 2,
            Utf8Policy.LENIENT);

    @Test
    void learnsTheMergeListOfThePythonReference() {
        List<String> expected = Arrays.stream(Fixtures.text("small-corpus.merges.txt").split("\n"))
                .skip(1).filter(l -> !l.isEmpty()).toList();
        BpeTokenizer t = BpeTrainer.train(CONFIG, List.of(Fixtures.text("small-corpus.txt")));
        assertThat(t.merges().stream().map(BpeTokenizer.Merge::toString).toList()).isEqualTo(expected);
        assertThat(expected).hasSizeGreaterThan(40);
    }

    @Test
    void learnsTheMergeListOfThePythonReferenceOnTheHeadOfTheBundledCorpus() throws java.io.IOException {
        String kjv;
        try (var in = dev.seedling.data.text.BundledCorpus.open()) {
            kjv = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        int end = -1;
        for (int line = 0; line < 3000; line++) {
            end = kjv.indexOf('\n', end + 1);
        }
        List<String> expected = Arrays.stream(Fixtures.text("kjv-head.merges.txt").split("\n"))
                .skip(1).filter(l -> !l.isEmpty()).toList();
        BpeTokenizer t = BpeTrainer.train(new BpeTrainerConfig(700, List.of("<|endoftext|>"), 2, Utf8Policy.LENIENT),
                List.of(kjv.substring(0, end + 1)));
        assertThat(expected).hasSize(443);
        assertThat(t.merges().stream().map(BpeTokenizer.Merge::toString).toList()).isEqualTo(expected);
    }

    @Test
    void trainingIsDeterministicWhateverTheInputOrder() {
        List<String> lines = new ArrayList<>(List.of(Fixtures.text("small-corpus.txt").split("(?<=\n)")));
        BpeTokenizer a = BpeTrainer.train(CONFIG, lines);
        Collections.shuffle(lines, new Random(9));
        BpeTokenizer b = BpeTrainer.train(CONFIG, lines);
        assertThat(b.merges()).isEqualTo(a.merges());
        assertThat(b.fingerprint()).isEqualTo(a.fingerprint());
        BpeTokenizer c = BpeTrainer.train(CONFIG, List.of(Fixtures.text("small-corpus.txt")));
        assertThat(c.vocabulary()).isEqualTo(a.vocabulary());
    }

    @Test
    void stopsAtTheVocabularySize() {
        BpeTokenizer t = BpeTrainer.train(new BpeTrainerConfig(270, List.of("<|endoftext|>"), 1, Utf8Policy.LENIENT),
                List.of(Fixtures.text("small-corpus.txt")));
        assertThat(t.vocabSize()).isEqualTo(270);
        assertThat(t.merges()).hasSize(13);
    }

    @Test
    void writtenTokenizerJsonMatchesThePythonOneAndReadsBack(@TempDir Path dir) {
        BpeTokenizer t = BpeTrainer.train(CONFIG, List.of(Fixtures.text("small-corpus.txt")));
        BpeTokenizer py = TokenizerJson.read(Fixtures.path("reference-tokenizer.json"), Utf8Policy.LENIENT);
        assertThat(t.vocabulary()).isEqualTo(py.vocabulary());
        assertThat(t.merges()).isEqualTo(py.merges());
        assertThat(t.fingerprint()).isEqualTo(py.fingerprint());
        Path f = dir.resolve("tokenizer.json");
        TokenizerJson.write(t, f);
        BpeTokenizer back = TokenizerJson.read(f, Utf8Policy.LENIENT);
        assertThat(back.fingerprint()).isEqualTo(t.fingerprint());
        assertThat(back.specials()).isEqualTo(t.specials());
    }

    @Test
    void neverLearnsATokenSpelledLikeASpecial() {
        BpeTokenizer t = BpeTrainer.train(new BpeTrainerConfig(300, List.of("###"), 1, Utf8Policy.LENIENT),
                List.of("### ### ###\n".repeat(50)));
        assertThat(t.merges()).isNotEmpty().noneMatch(m -> (m.left() + m.right()).equals("###"));
        assertThat(t.vocabulary()).doesNotContainKey("###");
        assertThat(t.encode("###")).hasSize(2).doesNotContain(256);
        assertThat(t.encodeWithSpecials("###")).containsExactly(256);
        assertThat(t.decode(t.encode("### ###\n"))).isEqualTo("### ###\n");
        assertThat(TokenizerJson.parse(TokenizerJson.toJson(t), "t.json", Utf8Policy.LENIENT).fingerprint())
                .isEqualTo(t.fingerprint());
    }

    @Test
    void refusesASpecialSpelledLikeAByteToken() {
        assertThatThrownBy(() -> new BpeTrainerConfig(300, List.of("a"), 1, Utf8Policy.LENIENT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a'").hasMessageContaining("0x61");
    }
}
