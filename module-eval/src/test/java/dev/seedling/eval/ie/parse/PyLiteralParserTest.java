package dev.seedling.eval.ie.parse;

import dev.seedling.eval.ie.parse.PyValue.PyArg;
import dev.seedling.eval.ie.parse.PyValue.PyCall;
import dev.seedling.eval.ie.parse.PyValue.PyList;
import dev.seedling.eval.ie.parse.PyValue.PyNone;
import dev.seedling.eval.ie.parse.PyValue.PyStr;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PyLiteralParserTest {
    private final PyLiteralParser parser = new PyLiteralParser();

    private static PyCall call(String name, PyValue... positional) {
        return new PyCall(name, java.util.Arrays.stream(positional).map(v -> new PyArg(null, v)).toList());
    }

    private static PyStr str(String s) {
        return new PyStr(s);
    }

    @Test
    void parsesKnowCoderNerOutput() {
        ParseResult r = parser.parse("results = [\n\tOrganization(\"Teska Carson\"),\n\tPerson(\"Larry Takis\")\n]");

        assertThat(r.status()).isEqualTo(ParseResult.Status.COMPLETE);
        assertThat(r.items()).containsExactly(call("Organization", str("Teska Carson")),
                call("Person", str("Larry Takis")));
    }

    @Test
    void parsesNestedCallsKeywordsListsAndNone() {
        ParseResult r = parser.parse("results = [Marriage(trigger = \"wife\", spouse = [Entity(\"Lucien Bonaparte\"),"
                + " Entity('Christine Boyer')], place=None)]");

        assertThat(r.complete()).isTrue();
        assertThat(r.items()).containsExactly(new PyCall("Marriage", List.of(
                new PyArg("trigger", str("wife")),
                new PyArg("spouse", new PyList(List.of(call("Entity", str("Lucien Bonaparte")),
                        call("Entity", str("Christine Boyer"))))),
                new PyArg("place", new PyNone()))));
    }

    @Test
    void resolvesEveryQuotingStyleAndEscape() {
        ParseResult r = parser.parse("results = [A('it\\'s'), A(\"say \\\"hi\\\"\"), A(\"\"\"tri\"ple\"\"\"),"
                + " A('''x''y'''), A(r\"C:\\new\"), A(u\"\\u4eba\\x41\\101\\N{BULLET}\"), A(\"a\" 'b'),"
                + " A(\"tab\\tend\\q\")]");

        assertThat(r.complete()).isTrue();
        assertThat(r.items()).extracting(v -> ((PyStr) ((PyCall) v).positional().get(0)).value())
                .containsExactly("it's", "say \"hi\"", "tri\"ple", "x''y", "C:\\new", "人AA\u2022", "ab",
                        "tab\tend\\q");
    }

    @Test
    void keepsTheCompleteElementsBeforeATruncation() {
        ParseResult r = parser.parse("results = [Person(\"a\"), Location(\"b\"), Person(\"c");

        assertThat(r.status()).isEqualTo(ParseResult.Status.TRUNCATED);
        assertThat(r.items()).containsExactly(call("Person", str("a")), call("Location", str("b")));
    }

    @Test
    void truncationAfterTheLastCommaKeepsEverything() {
        ParseResult r = parser.parse("results = [Person(\"a\"), Location(\"b\"),\n");

        assertThat(r.status()).isEqualTo(ParseResult.Status.TRUNCATED);
        assertThat(r.items()).hasSize(2);
    }

    @Test
    void malformedInputStopsAtTheErrorAndReportsItsOffset() {
        String text = "results = [Person(\"a\"), Person(1), Person(\"c\")]";
        ParseResult r = parser.parse(text);

        assertThat(r.status()).isEqualTo(ParseResult.Status.MALFORMED);
        assertThat(r.items()).containsExactly(call("Person", str("a")));
        assertThat(r.offset()).isEqualTo(text.indexOf('1'));
        assertThat(r.message()).contains("offset " + text.indexOf('1'));
    }

    @Test
    void acceptsTrailingCommasCommentsAndCodeFences() {
        ParseResult r = parser.parse("```python\nresults = [\n  Person(\"a\",),  # the first\n  Person(\"b\"),\n]\n```");

        assertThat(r.complete()).isTrue();
        assertThat(r.items()).containsExactly(call("Person", str("a")), call("Person", str("b")));
    }

    @Test
    void readsTheGollieContinuationWithoutTheAssignment() {
        ParseResult r = parser.parse(" [Person(span=\"Obama\")]");

        assertThat(r.complete()).isTrue();
        assertThat(r.items()).containsExactly(new PyCall("Person", List.of(new PyArg("span", str("Obama")))));
    }

    @Test
    void triplePrimeQuotesInsideTheOutputDoNotSplitIt() {
        // KnowCoder splits its continuation on """; a docstring echoed before the results must not matter here.
        ParseResult r = parser.parse("\"\"\"Instantiate \"\"\" results\"\"\"\nresults = [Person(\"\"\"a\"\"\")]");

        assertThat(r.items()).containsExactly(call("Person", str("a")));
    }

    @Test
    void cjkIdentifiersAndSpansParse() {
        ParseResult r = parser.parse("results = [人物(\"奥巴马\"), 地点(名称=\"北京\")]");

        assertThat(r.items()).containsExactly(call("人物", str("奥巴马")),
                new PyCall("地点", List.of(new PyArg("名称", str("北京")))));
    }

    @Test
    void reportsNotFoundForProse() {
        ParseResult r = parser.parse("I could not find any entities.");

        assertThat(r.status()).isEqualTo(ParseResult.Status.NOT_FOUND);
        assertThat(r.items()).isEmpty();
    }

    @Test
    void rejectsNestingBeyondTheLimitWithoutOverflowingTheStack() {
        String deep = "results = [" + "[".repeat(100_000) + "]".repeat(100_000) + "]";
        ParseResult r = parser.parse(deep);

        assertThat(r.status()).isEqualTo(ParseResult.Status.MALFORMED);
        assertThat(r.message()).contains("nesting deeper than " + PyLiteralParser.MAX_DEPTH);
    }

    @Test
    void aLineBreakInsideASingleQuotedStringIsMalformed() {
        ParseResult r = parser.parse("results = [Person(\"a\"), Person(\"b\nc\")]");

        assertThat(r.status()).isEqualTo(ParseResult.Status.MALFORMED);
        assertThat(r.items()).hasSize(1);
    }

    @Test
    void bareNamesOtherThanNoneAreNotValues() {
        ParseResult r = parser.parse("results = [Person(__import__)]");

        assertThat(r.status()).isEqualTo(ParseResult.Status.MALFORMED);
        assertThat(r.items()).isEmpty();
    }
    @Test
    void eightDigitEscapesBeyondTheIntRangeAreMalformedNotThrown() {
        for (String escape : List.of("\\UFFFFFFFF", "\\U80000000", "\\U00110000")) {
            ParseResult r = parser.parse("results = [Person(\"a\"), Person(\"" + escape + "\")]");

            assertThat(r.status()).as(escape).isEqualTo(ParseResult.Status.MALFORMED);
            assertThat(r.message()).as(escape).contains("beyond U+10FFFF").contains("offset 32");
            assertThat(r.items()).as(escape).containsExactly(call("Person", str("a")));
        }
        assertThat(parser.parse("results = [A(\"\\U0010FFFF\")]").items())
                .containsExactly(call("A", str(new String(Character.toChars(0x10FFFF)))));
    }

    @Test
    void hexEscapesTakeOnlyAsciiHexDigits() {
        for (String escape : List.of("\\x\u0664\u0661", "\\u\uff14\uff45\uff42\uff41", "\\x4\uff11")) {
            ParseResult r = parser.parse("results = [Person(\"" + escape + "\")]");

            assertThat(r.status()).as(escape).isEqualTo(ParseResult.Status.MALFORMED);
            assertThat(r.message()).as(escape).contains("bad hex digit in the escape at offset 19");
        }
        assertThat(parser.parse("results = [A(\"\\x4a\\u4EBA\")]").items()).containsExactly(call("A", str("J人")));
    }

    @Test
    void aBackslashNWithoutABraceIsMalformedUnlessTheInputEndsThere() {
        ParseResult noBrace = parser.parse("results = [Person(\"a\"), Person(\"b\\N c\"), Person(\"d\")]");
        ParseResult unclosed = parser.parse("results = [Person(\"a\"), Person(\"b\\N{BULLET\"), Person(\"d\")]");

        assertThat(noBrace.status()).isEqualTo(ParseResult.Status.MALFORMED);
        assertThat(noBrace.message()).contains("\\N{...} escape at offset 33");
        assertThat(noBrace.items()).containsExactly(call("Person", str("a")));
        assertThat(unclosed.status()).isEqualTo(ParseResult.Status.MALFORMED);
        assertThat(unclosed.message()).contains("no closing '}'");
        for (String cut : List.of("results = [Person(\"a\"), Person(\"b\\N", "results = [Person(\"a\"), Person(\"b\\N{",
                "results = [Person(\"a\"), Person(\"b\\N{LATIN SMALL LET")) {
            ParseResult r = parser.parse(cut);
            assertThat(r.status()).as(cut).isEqualTo(ParseResult.Status.TRUNCATED);
            assertThat(r.items()).as(cut).containsExactly(call("Person", str("a")));
        }
    }

    @Test
    void aCarriageReturnInsideASingleQuotedStringIsMalformed() {
        ParseResult r = parser.parse("results = [Person(\"a\"), Person(\"b\rc\")]");

        assertThat(r.status()).isEqualTo(ParseResult.Status.MALFORMED);
        assertThat(r.message()).contains("line break").contains("(offset 33)");
        assertThat(r.items()).hasSize(1);
    }

    /** CPython 3.11: ast.literal_eval("'''b\\rc'''") == 'b\\nc', and a comment ends at a CR. */
    @Test
    void crLfAndALoneCrInsideATripleQuotedStringReadAsLfAndEndAComment() {
        ParseResult r = parser.parse("results = [A(\"\"\"b\rc\"\"\"), A('''b\r\nc'''), A(r'''b\r\r\nc'''), # x\r"
                + "A('d')]");

        assertThat(r.status()).isEqualTo(ParseResult.Status.COMPLETE);
        assertThat(r.items()).containsExactly(call("A", str("b\nc")), call("A", str("b\nc")), call("A", str("b\n\nc")),
                call("A", str("d")));
    }

    /** Values CPython 3.11 gives ({@code ast.literal_eval}), which reads CR LF and a lone CR as a line break. */
    @Test
    void aBackslashBeforeCrLfOrALoneCrIsALineContinuationAsInCPython() {
        for (String q : List.of("'", "\"", "\'\'\'", "\"\"\"")) {
            for (String lineBreak : List.of("\n", "\r\n", "\r")) {
                String literal = q + "a\\" + lineBreak + "b" + q;
                ParseResult r = parser.parse("results = [A(" + literal + "), A(r" + literal + ")]");

                assertThat(r.status()).as(literal).isEqualTo(ParseResult.Status.COMPLETE);
                assertThat(r.items()).as(literal).containsExactly(call("A", str("ab")), call("A", str("a\\\nb")));
            }
        }
    }

    @Test
    void aContinuationTakesOneLineBreakOnly() {
        for (String twoBreaks : List.of("\r\r", "\r\n\n", "\n\r")) {
            ParseResult r = parser.parse("results = [A(\"x\"), A(\"a\\" + twoBreaks + "b\")]");

            assertThat(r.status()).as(twoBreaks).isEqualTo(ParseResult.Status.MALFORMED);
            assertThat(r.message()).as(twoBreaks).contains("line break inside the single-quoted string");
            assertThat(r.items()).as(twoBreaks).containsExactly(call("A", str("x")));
        }
        assertThat(parser.parse("results = [A(\"\"\"a\\\r\n\nb\"\"\"), A('a\\\r\\\r\nb')]").items())
                .containsExactly(call("A", str("a\nb")), call("A", str("ab")));
    }
}
