package dev.seedling.data.tokenizer;

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
}
