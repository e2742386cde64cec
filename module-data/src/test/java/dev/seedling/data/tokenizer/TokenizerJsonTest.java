package dev.seedling.data.tokenizer;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenizerJsonTest {
    private static final String REF = Fixtures.text("reference-tokenizer.json");

    @Test
    void acceptsMergesWrittenAsPairs() {
        String pairs = REF.replaceAll("\"([^\" ]+) ([^\" ]+)\"(,?)\\n", "[\"$1\", \"$2\"]$3\n");
        assertThat(pairs).isNotEqualTo(REF);
        BpeTokenizer a = TokenizerJson.parse(REF, "ref", Utf8Policy.LENIENT);
        BpeTokenizer b = TokenizerJson.parse(pairs, "pairs", Utf8Policy.LENIENT);
        assertThat(b.merges()).isEqualTo(a.merges());
    }

    @Test
    void acceptsEmptyAffixesAsWrittenInGpt2sTokenizerJson() {
        String gpt2Style = REF.replace("\"continuing_subword_prefix\": null", "\"continuing_subword_prefix\": \"\"")
                .replace("\"end_of_word_suffix\": null", "\"end_of_word_suffix\": \"\"");
        assertThat(gpt2Style).isNotEqualTo(REF);
        assertThat(TokenizerJson.parse(gpt2Style, "gpt2", Utf8Policy.LENIENT).fingerprint())
                .isEqualTo(TokenizerJson.parse(REF, "ref", Utf8Policy.LENIENT).fingerprint());
        assertThatThrownBy(() -> TokenizerJson.parse(REF.replace("\"end_of_word_suffix\": null",
                "\"end_of_word_suffix\": \"</w>\""), "t.json", Utf8Policy.LENIENT))
                .hasMessageContaining("end_of_word_suffix");
    }

    @Test
    void refusesFeaturesThatWouldChangeTheIdsNamingFileAndField() {
        assertThatThrownBy(() -> TokenizerJson.parse(REF.replace("\"normalizer\": null",
                "\"normalizer\": {\"type\": \"NFC\"}"), "t.json", Utf8Policy.LENIENT))
                .isInstanceOf(TokenizerFormatException.class).hasMessageContaining("t.json")
                .hasMessageContaining("normalizer");
        assertThatThrownBy(() -> TokenizerJson.parse(REF.replaceFirst("\"add_prefix_space\": false",
                "\"add_prefix_space\": true"), "t.json", Utf8Policy.LENIENT))
                .isInstanceOf(TokenizerFormatException.class).hasMessageContaining("pre_tokenizer.add_prefix_space");
        assertThatThrownBy(() -> TokenizerJson.parse(REF.replace("\"type\": \"BPE\"", "\"type\": \"WordPiece\""),
                "t.json", Utf8Policy.LENIENT)).hasMessageContaining("model.type");
        assertThatThrownBy(() -> TokenizerJson.parse("{", "t.json", Utf8Policy.LENIENT))
                .isInstanceOf(TokenizerFormatException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void refusesAMergeOfUnknownTokens() {
        String broken = REF.replaceFirst("\"Ġ t\"", "\"Ġ zzz\"");
        assertThatThrownBy(() -> TokenizerJson.parse(broken, "t.json", Utf8Policy.LENIENT))
                .isInstanceOf(TokenizerFormatException.class).hasMessageContaining("merge 0");
    }

    /** A small tokenizer.json: the 256 byte tokens plus {@code vocab}, {@code merges}, {@code added}, model fields. */
    private static String minimal(String vocab, String merges, String added, String modelFields) {
        StringBuilder bytes = new StringBuilder();
        for (int b = 0; b < 256; b++) {
            bytes.append(b == 0 ? "" : ", ").append(TextNode.valueOf(String.valueOf(ByteLevelAlphabet.charOf(b))))
                    .append(": ").append(b);
        }
        return "{\"added_tokens\": [" + added + "], \"normalizer\": null,"
                + " \"pre_tokenizer\": {\"type\": \"ByteLevel\", \"add_prefix_space\": false, \"use_regex\": true},"
                + " \"decoder\": {\"type\": \"ByteLevel\"}, \"model\": {\"type\": \"BPE\", " + modelFields
                + " \"vocab\": {" + bytes + (vocab.isEmpty() ? "" : ", " + vocab) + "}, \"merges\": [" + merges + "]}}";
    }

    private static BpeTokenizer parseMinimal(String vocab, String merges, String added, String modelFields) {
        return TokenizerJson.parse(minimal(vocab, merges, added, modelFields), "t.json", Utf8Policy.STRICT);
    }

    @Test
    void idsWithoutATokenAreAllowedAndLeftOutOfTheFingerprint() {
        BpeTokenizer special = parseMinimal("\"ab\": 256", "\"a b\"", "{\"id\": 300, \"content\": \"<s>\"}", "");
        assertThat(special.vocabSize()).isEqualTo(301);
        assertThat(special.encodeWithSpecials("ab<s>")).containsExactly(256, 300);
        assertThat(special.fingerprint()).hasSize(64);
        BpeTokenizer merged = parseMinimal("\"ab\": 258", "\"a b\"", "", "");
        assertThat(merged.encode("abab")).containsExactly(258, 258);
        assertThat(merged.decode(new int[] {258})).isEqualTo("ab");
        assertThat(merged.fingerprint()).isNotEqualTo(parseMinimal("\"ab\": 256", "\"a b\"", "", "").fingerprint());
        assertThat(TokenizerJson.parse(TokenizerJson.toJson(merged), "again", Utf8Policy.STRICT).fingerprint())
                .isEqualTo(merged.fingerprint());
    }

    /** A token listed twice in model.vocab: JSON keeps only one of its ids, so the file is refused, not read. */
    @Test
    void aVocabularyKeyListedTwiceIsRefused() {
        assertThatThrownBy(() -> parseMinimal("\"ab\": 256, \"ab\": 257", "\"a b\"", "", ""))
                .isInstanceOf(TokenizerFormatException.class).hasMessageContaining("t.json")
                .hasMessageContaining("Duplicate field 'ab'");
    }

    @Test
    void aSpecialTokenListedTwiceIsRefused() {
        assertThatThrownBy(() -> parseMinimal("", "", "{\"id\": 256, \"content\": \"<s>\"},"
                + " {\"id\": 257, \"content\": \"<s>\"}", ""))
                .isInstanceOf(TokenizerFormatException.class).hasMessageContaining("t.json")
                .hasMessageContaining("added_tokens[1]").hasMessageContaining("<s>");
    }

    @Test
    void aVocabularyEntryForASpecialWithAnotherIdIsRefused() {
        assertThat(parseMinimal("\"<s>\": 256", "", "{\"id\": 256, \"content\": \"<s>\"}", "").specialId("<s>"))
                .hasValue(256);
        assertThatThrownBy(() -> parseMinimal("\"<s>\": 257", "", "{\"id\": 256, \"content\": \"<s>\"}", ""))
                .isInstanceOf(TokenizerFormatException.class).hasMessageContaining("t.json")
                .hasMessageContaining("'<s>' has id 257 in the vocabulary but id 256 as a special token");
    }

    @Test
    void negativeOrHugeIdsAreRefusedNamingTheToken() {
        assertThatThrownBy(() -> parseMinimal("", "", "{\"id\": -5, \"content\": \"<s>\"}", ""))
                .isInstanceOf(TokenizerFormatException.class).hasMessageContaining("t.json")
                .hasMessageContaining("-5").hasMessageContaining("'<s>'");
        for (String id : new String[] {"2000000000", "2147483647"}) {
            assertThatThrownBy(() -> parseMinimal("\"ab\": " + id, "\"a b\"", "", ""))
                    .isInstanceOf(TokenizerFormatException.class).hasMessageContaining("t.json")
                    .hasMessageContaining("'ab' has id " + id);
            assertThatThrownBy(() -> parseMinimal("", "", "{\"id\": " + id + ", \"content\": \"<s>\"}", ""))
                    .isInstanceOf(TokenizerFormatException.class).hasMessageContaining("'<s>' has id " + id);
        }
    }

    @Test
    void idsMustBeIntegersThatFitInAnIntNamingTheField() {
        for (String id : new String[] {"\"x\"", "1.9", "256.0", "4294967552", "null", "true"}) {
            assertThatThrownBy(() -> parseMinimal("\"ab\": " + id, "\"a b\"", "", ""))
                    .as(id).isInstanceOf(TokenizerFormatException.class).hasMessageContaining("t.json")
                    .hasMessageContaining("model.vocab[\"ab\"] must be an integer id");
            assertThatThrownBy(() -> parseMinimal("", "", "{\"id\": " + id + ", \"content\": \"<s>\"}", ""))
                    .as(id).isInstanceOf(TokenizerFormatException.class)
                    .hasMessageContaining("added_tokens[0].id must be an integer id");
        }
        assertThatThrownBy(() -> parseMinimal("", "", "{\"content\": \"<s>\"}", ""))
                .isInstanceOf(TokenizerFormatException.class)
                .hasMessageContaining("added_tokens[0].id must be an integer id, found nothing");
        assertThatThrownBy(() -> parseMinimal("", "", "{\"id\": 256}", ""))
                .isInstanceOf(TokenizerFormatException.class).hasMessageContaining("added_tokens[0].content");
    }

    @Test
    void ignoreMergesIsRefusedUnlessFalse() {
        assertThat(parseMinimal("\"ab\": 256", "\"a b\"", "", "\"ignore_merges\": false,").encode("ab"))
                .containsExactly(256);
        assertThatThrownBy(() -> parseMinimal("\"ab\": 256", "\"a b\"", "", "\"ignore_merges\": true,"))
                .isInstanceOf(TokenizerFormatException.class).hasMessageContaining("t.json")
                .hasMessageContaining("model.ignore_merges");
    }
}
