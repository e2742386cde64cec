package dev.seedling.data.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;

import static org.assertj.core.api.Assertions.assertThat;

class PreTokenizerTest {

    private static List<String> regexPieces(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = PreTokenizer.REFERENCE_PATTERN.matcher(s);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    @Test
    void handWrittenScannerEqualsTheRegexOnRandomText() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 2000; i++) {
            String s = Fixtures.randomText(rng, rng.nextInt(60));
            assertThat(PreTokenizer.pieces(s)).as("text %s", s).isEqualTo(regexPieces(s));
        }
    }

    @Test
    void scannerEqualsTheRegexOnContractionsAndWhiteSpaceRuns() {
        for (String s : List.of("it's 'S ''s 'll 're've", "a  b", "a \t\n  b", "   ", " x", "x ", "\n\nx",
                "hello   world  ", "don't'", "'", "''", " 'll", "1,000.50 ½ ٣")) {
            assertThat(PreTokenizer.pieces(s)).as(s).isEqualTo(regexPieces(s));
        }
    }

    @Test
    void piecesEqualThoseOfThePythonReferenceRegex() {
        for (JsonNode c : Fixtures.json("reference-encodings.json")) {
            List<String> expected = new ArrayList<>();
            c.path("pieces").forEach(p -> expected.add(p.asText()));
            assertThat(PreTokenizer.pieces(c.path("text").asText())).as(c.path("text").asText())
                    .isEqualTo(expected);
        }
    }

    @Test
    void whiteSpaceFollowsTheUnicodePropertyNotJavasAsciiClass() {
        assertThat(PreTokenizer.isWhiteSpace(0x00A0)).isTrue();
        assertThat(PreTokenizer.isWhiteSpace(0x3000)).isTrue();
        assertThat(PreTokenizer.isWhiteSpace(0x1C)).isFalse();
        assertThat(PreTokenizer.isWhiteSpace('x')).isFalse();
    }
}
