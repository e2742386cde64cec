package dev.seedling.data.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BpeTokenizerTest {
    private static final BpeTokenizer SMALL = Fixtures.smallBpe();

    @Test
    void encodesLikeThePythonReferenceBpeOnItsTokenizerJson() {
        BpeTokenizer ref = TokenizerJson.read(Fixtures.path("reference-tokenizer.json"), Utf8Policy.STRICT);
        for (JsonNode c : Fixtures.json("reference-encodings.json")) {
            String text = c.path("text").asText();
            int[] expected = new int[c.path("ids").size()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = c.path("ids").get(i).asInt();
            }
            assertThat(ref.encode(text)).as(text).containsExactly(expected);
            assertThat(ref.decode(expected)).isEqualTo(text);
        }
    }

    @Test
    void roundTripsSeededRandomUnicodeIncludingFourByteCodePoints() {
        SplittableRandom rng = new SplittableRandom(42);
        int fourByte = 0;
        for (int i = 0; i < 500; i++) {
            String s = Fixtures.randomText(rng, rng.nextInt(120));
            fourByte += (int) s.codePoints().filter(cp -> cp > 0xFFFF).count();
            int[] ids = SMALL.encode(s);
            assertThat(SMALL.decode(ids)).isEqualTo(s);
            assertThat(SMALL.encode(s.getBytes(StandardCharsets.UTF_8))).containsExactly(ids);
        }
        assertThat(fourByte).isGreaterThan(100);
    }

    @Test
    void lenientModeEncodesInvalidBytesAsReplacementCharacters() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 300; i++) {
            byte[] good = Fixtures.randomText(rng, 30).getBytes(StandardCharsets.UTF_8);
            byte[] bytes = good.clone();
            for (int k = 0; k < 3; k++) {
                bytes[rng.nextInt(bytes.length)] = (byte) (0x80 + rng.nextInt(128));
            }
            String expected = new String(bytes, StandardCharsets.UTF_8);
            assertThat(SMALL.decode(SMALL.encode(bytes))).isEqualTo(expected);
        }
    }

    @Test
    void strictModeNamesTheByteOffsetOfInvalidInput() {
        BpeTokenizer strict = SMALL.withUtf8Policy(Utf8Policy.STRICT);
        byte[] bad = "héllo".getBytes(StandardCharsets.UTF_8);
        bad[2] = 'x'; // breaks the 2-byte é that starts at offset 1
        assertThatThrownBy(() -> strict.encode(bad)).isInstanceOf(InvalidUtf8Exception.class)
                .hasMessageContaining("byte offset 1")
                .satisfies(e -> assertThat(((InvalidUtf8Exception) e).byteOffset()).isEqualTo(1));
        int[] half = strict.encode("ж");
        assertThat(half).hasSize(2); // "ж" is not in the training corpus, so its two bytes stay apart
        assertThatThrownBy(() -> strict.decode(new int[] {'a', half[0]}))
                .isInstanceOf(InvalidUtf8Exception.class).hasMessageContaining("byte offset 1");
        assertThat(SMALL.decode(new int[] {'a', half[0]})).isEqualTo("a\uFFFD");
    }

    @Test
    void loneSurrogatesAreReplacedWhenLenientAndReportedWhenStrict() {
        String s = "ab\uD800cd";
        assertThat(SMALL.decode(SMALL.encode(s))).isEqualTo("ab\uFFFDcd");
        assertThatThrownBy(() -> SMALL.withUtf8Policy(Utf8Policy.STRICT).encode(s))
                .isInstanceOf(InvalidUtf8Exception.class).hasMessageContaining("char index 2");
    }

    @Test
    void batchEncodingEqualsOneByOne() {
        SplittableRandom rng = new SplittableRandom(5);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            texts.add(Fixtures.randomText(rng, 200));
        }
        int[][] batch = SMALL.encodeBatch(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(batch[i]).containsExactly(SMALL.encode(texts.get(i)));
        }
    }

    @Test
    void mergesShortenCorpusText() {
        String line = "the tokenizers tokenize the tokens";
        assertThat(SMALL.encode(line).length).isLessThan(line.length() / 2);
        assertThat(SMALL.specialTokens()).containsExactly("<|endoftext|>", "<|pad|>");
        assertThat(SMALL.eosId()).isEqualTo(256);
        assertThat(SMALL.decode(new int[] {SMALL.eosId()})).isEqualTo("<|endoftext|>");
        assertThat(SMALL.encode("<|endoftext|>")).doesNotContain(SMALL.eosId());
    }

    @Test
    void encodeWithSpecialsTurnsSpecialContentIntoIds() {
        String text = "one<|endoftext|>two <|pad|><|pad|>";
        int[] ids = SMALL.encodeWithSpecials(text);
        assertThat(Arrays.stream(ids).filter(i -> i == 256).count()).isEqualTo(1);
        assertThat(Arrays.stream(ids).filter(i -> i == 257).count()).isEqualTo(2);
        assertThat(SMALL.decode(ids)).isEqualTo(text);
        assertThat(SMALL.encodeWithSpecials("plain")).containsExactly(SMALL.encode("plain"));
        ByteTokenizer nested = new ByteTokenizer(List.of("<s>", "<s>x"), Utf8Policy.LENIENT);
        assertThat(nested.encodeWithSpecials("a<s>xb")).containsExactly('a', 257, 'b');
    }

    @Test
    void rejectsUnknownIds() {
        assertThatThrownBy(() -> SMALL.decode(new int[] {SMALL.vocabSize()}))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining(String.valueOf(SMALL.vocabSize()));
    }

    @Test
    void aVocabularyEntrySpelledLikeASpecialMustHaveItsId() {
        java.util.Map<String, Integer> vocab = new java.util.HashMap<>();
        for (int b = 0; b < 256; b++) {
            vocab.put(String.valueOf(ByteLevelAlphabet.charOf(b)), b);
        }
        vocab.put("###", 300);
        assertThatThrownBy(() -> new BpeTokenizer(vocab, List.of(), java.util.Map.of("###", 256), Utf8Policy.LENIENT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'###' has id 300 in the vocabulary but id 256 as a special token");
        vocab.put("###", 256);
        BpeTokenizer same = new BpeTokenizer(vocab, List.of(), java.util.Map.of("###", 256), Utf8Policy.LENIENT);
        assertThat(same.specialId("###")).hasValue(256);
        assertThat(same.vocabulary()).doesNotContainKey("###");
        assertThatThrownBy(() -> new BpeTokenizer(vocab, List.of(), java.util.Map.of("<s>", -5), Utf8Policy.LENIENT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative id -5");
    }
}
