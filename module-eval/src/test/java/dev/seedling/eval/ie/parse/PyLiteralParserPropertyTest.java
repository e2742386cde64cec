package dev.seedling.eval.ie.parse;

import dev.seedling.eval.ie.render.PythonLiteral;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Seeded random inputs: the parser returns a result for everything, its items are a prefix of what a complete parse
 * of the unmutated text gives when the text is merely cut, and quoting round-trips. "Never runs anything" holds by
 * construction (the parser only builds records); code planted in an output is rejected as outside the subset.
 */
class PyLiteralParserPropertyTest {
    private static final String ALPHABET = "results=[](),'\"\\ \n\t#rubN{}xuU0123456789abcdefPersonNone人物é_=\u0000";
    private final PyLiteralParser parser = new PyLiteralParser();

    @Test
    void neverThrowsOnRandomStrings() {
        Random rnd = new Random(20241107);
        for (int i = 0; i < 3000; i++) {
            StringBuilder sb = new StringBuilder(rnd.nextBoolean() ? "results = [" : "");
            int len = rnd.nextInt(80);
            for (int j = 0; j < len; j++) {
                sb.append(rnd.nextInt(10) == 0 ? (char) rnd.nextInt(0x10000)
                        : ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
            }
            String input = sb.toString();
            assertThatCode(() -> check(parser.parse(input))).as("input %s", input).doesNotThrowAnyException();
        }
    }

    @Test
    void everyCutOfAValidOutputKeepsAPrefixOfItsElements() {
        Random rnd = new Random(7);
        for (int i = 0; i < 300; i++) {
            String valid = randomOutput(rnd);
            List<PyValue> full = parser.parse(valid).items();
            assertThat(parser.parse(valid).complete()).as(valid).isTrue();
            int cut = rnd.nextInt(valid.length());
            ParseResult r = parser.parse(valid.substring(0, cut));
            check(r);
            assertThat(full.subList(0, r.items().size())).as("cut %d of %s", cut, valid).isEqualTo(r.items());
        }
    }

    @Test
    void mutatedValidOutputsNeverThrow() {
        Random rnd = new Random(99);
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder(randomOutput(rnd));
            int edits = 1 + rnd.nextInt(4);
            for (int e = 0; e < edits && !sb.isEmpty(); e++) {
                int at = rnd.nextInt(sb.length());
                switch (rnd.nextInt(3)) {
                    case 0 -> sb.deleteCharAt(at);
                    case 1 -> sb.insert(at, ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
                    default -> sb.setCharAt(at, ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
                }
            }
            String input = sb.toString();
            assertThatCode(() -> check(parser.parse(input))).as("input %s", input).doesNotThrowAnyException();
        }
    }

    @Test
    void codeInTheOutputComesBackAsInertData() {
        String evil = "results = [Person(__import__('os').system('touch /tmp/pwned')), Person(\"ok\")]";
        ParseResult r = parser.parse(evil);

        assertThat(r.status()).isEqualTo(ParseResult.Status.MALFORMED);
        assertThat(r.items()).isEmpty();
        assertThat(r.offset()).as("attribute access is outside the subset").isEqualTo(evil.indexOf(".system"));
    }

    @Test
    void quotedStringsRoundTrip() {
        Random rnd = new Random(3);
        for (int i = 0; i < 1000; i++) {
            String s = randomText(rnd);
            ParseResult r = parser.parse("results = [" + PythonLiteral.quote(s) + "]");
            assertThat(r.items()).as("string %s", s).containsExactly(new PyValue.PyStr(s));
        }
    }

    private static void check(ParseResult r) {
        assertThat(r).isNotNull();
        assertThat(r.items()).doesNotContainNull();
        assertThat(r.complete() == (r.offset() == -1)).isTrue();
    }

    private static String randomOutput(Random rnd) {
        List<String> items = new ArrayList<>();
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            items.add(switch (rnd.nextInt(3)) {
                case 0 -> "Person(" + PythonLiteral.quote(randomText(rnd)) + ")";
                case 1 -> "LocatedIn(Entity(" + PythonLiteral.quote(randomText(rnd)) + "), tail_entity = Location('"
                        + randomText(rnd).replace("\\", "").replace("'", "").replace("\n", "") + "'))";
                default -> "Marriage(trigger=" + PythonLiteral.quote(randomText(rnd)) + ", spouse=[Entity(\"\"\""
                        + randomText(rnd).replace("\\", "").replace("\"", "") + "\"\"\")], place=None)";
            });
        }
        return "results = [\n\t" + String.join(",\n\t", items) + "\n]";
    }

    private static String randomText(Random rnd) {
        String chars = "ab 人物\"'\\\n\té)]";
        StringBuilder sb = new StringBuilder();
        int len = rnd.nextInt(8);
        for (int i = 0; i < len; i++) {
            sb.append(chars.charAt(rnd.nextInt(chars.length())));
        }
        return sb.toString();
    }
}
