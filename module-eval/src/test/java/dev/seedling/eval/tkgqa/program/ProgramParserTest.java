package dev.seedling.eval.tkgqa.program;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProgramParserTest {
    private final ProgramParser parser = new ProgramParser();

    @Test
    void linearFormSplitsTextArgumentsAndDependencies() {
        Program p = parser.parse("Find<i>China\nRelate<i>Make_a_visit<i>backward<d>0\n");
        assertThat(p.steps()).containsExactly(
                Step.of("Find", List.of("China")),
                Step.of("Relate", List.of("Make_a_visit", "backward"), 0));
    }

    @Test
    void linearFormIgnoresStepNumbersCommentsAndBlankLines() {
        Program p = parser.parse("# a demo\n0 Find<i>China\n\n3: FilterFirstTime<d>0   # earliest\n");
        assertThat(p.steps()).extracting(Step::function).containsExactly("Find", "FilterFirstTime");
        assertThat(p.step(1).dependencies()).containsExactly(0);
    }

    @Test
    void linearFormAcceptsFuncSeparatorsOnOneLine() {
        assertThat(parser.parse("Find<i>China<func>What<d>0").size()).isEqualTo(2);
    }

    @Test
    void jsonAndLinearFormsRoundTrip() {
        Program p = parser.parse("Find<i>China\nRelate<i>Make_a_visit<i>backward<d>0\nWhat<d>1");
        assertThat(parser.parse(p.toJson())).isEqualTo(p);
        assertThat(parser.parse(p.toLinear())).isEqualTo(p);
    }

    @Test
    void jsonFormAcceptsAnObjectWithAProgramList() {
        Program p = parser.parse("{\"program\": [{\"function\": \"Find\", \"inputs\": [\"China\"]}]}");
        assertThat(p.steps()).containsExactly(Step.of("Find", List.of("China")));
    }

    @Test
    void nonIntegerDependencyNamesTheLine() {
        assertThatThrownBy(() -> parser.parse("Find<i>China\nWhat<d>zero"))
                .isInstanceOf(ProgramParseException.class)
                .hasMessageContaining("line 2").hasMessageContaining("'zero'");
    }

    @Test
    void missingFunctionNameNamesTheLine() {
        assertThatThrownBy(() -> parser.parse("Find<i>China\n<d>0"))
                .isInstanceOf(ProgramParseException.class).hasMessageContaining("line 2");
    }

    @Test
    void jsonStepWithoutFunctionNamesTheStep() {
        assertThatThrownBy(() -> parser.parse("[{\"function\": \"Find\", \"inputs\": [\"x\"]}, {\"inputs\": []}]"))
                .isInstanceOf(ProgramParseException.class).hasMessageStartingWith("step 1:");
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        assertThatThrownBy(() -> parser.parse("[{\"function\": \"Find\",\n \"inputs\": [\"x\"}]"))
                .isInstanceOf(ProgramParseException.class).hasMessageContaining("line 2");
    }

    @Test
    void jsonWithAnythingAfterTheValueIsRejectedWithItsPosition() {
        assertThatThrownBy(() -> parser.parse("[{\"function\":\"Find\",\"inputs\":[\"x\"]}] [{\"function\":\"Bogus\"}]"))
                .isInstanceOf(ProgramParseException.class)
                .hasMessageContaining("line 1, column").hasMessageContaining("Trailing token");
        assertThatThrownBy(() -> parser.parse("{\"program\":[{\"function\":\"Find\",\"inputs\":[\"x\"]}]}\ngarbage"))
                .isInstanceOf(ProgramParseException.class).hasMessageContaining("line 2, column");
    }

    @Test
    void jsonWithARepeatedKeyIsRejected() {
        assertThatThrownBy(() -> parser.parse("[{\"function\":\"Find\",\"function\":\"Relate\",\"inputs\":[\"x\"]}]"))
                .isInstanceOf(ProgramParseException.class)
                .hasMessageContaining("line 1, column").hasMessageContaining("'function'");
    }

    @Test
    void dependenciesAreAsciiDigitsOnly() {
        for (String dep : List.of("+0", "\u0660", "\uff10", "-1")) {
            assertThatThrownBy(() -> parser.parse("Find<i>China\nWhat<d>" + dep))
                    .as(dep).isInstanceOf(ProgramParseException.class)
                    .hasMessageContaining("line 2").hasMessageContaining("'" + dep + "' is not a step index");
        }
        assertThat(parser.parse("Find<i>China\nWhat<d>00").step(1).dependencies()).containsExactly(0);
    }

    @Test
    void aQuotedArgumentKeepsASpaceHashThatWouldOtherwiseStartAComment() {
        Program p = parser.parse("Find<i>\"Room #5\"\nRelate<i>\"C# \\\"Sharp\\\" #2\"<i>backward<d>0  # a comment\n");
        assertThat(p.steps()).containsExactly(
                Step.of("Find", List.of("Room #5")),
                Step.of("Relate", List.of("C# \"Sharp\" #2", "backward"), 0));
    }

    @Test
    void aTrailingCommentIsStillIgnoredAfterPlainAndQuotedArguments() {
        Program p = parser.parse("Find<i>Room #5\nFind<i>\"Room #5\" # the room\nFind<i>\"a\"\t#b<d>0");
        assertThat(p.steps()).containsExactly(
                Step.of("Find", List.of("Room")),
                Step.of("Find", List.of("Room #5")),
                Step.of("Find", List.of("a")));
    }

    @Test
    void markersAndFuncSeparatorsInsideQuotesAreText() {
        Program p = parser.parse("Find<i>\"a<func>b<i>c<d>1\"<func>What<d>0");
        assertThat(p.steps()).containsExactly(
                Step.of("Find", List.of("a<func>b<i>c<d>1")),
                Step.of("What", List.of(), 0));
    }

    @Test
    void anArgumentThatIsNotExactlyOneJsonStringIsReadAsWritten() {
        for (String arg : List.of("\"Big\" Apple", "\"unclosed", "\"bad \\q escape\"", "say \"hi\"", "\"a\"#b")) {
            assertThat(parser.parse("Find<i>" + arg).step(0).inputs()).as(arg).containsExactly(arg);
        }
        assertThat(parser.parse("Find<i>\"split\nWhat<d>0").steps()).containsExactly(
                Step.of("Find", List.of("\"split")), Step.of("What", List.of(), 0));
    }

    @Test
    void toLinearQuotesOnlyArgumentsThatNeedItAndReadsBack() {
        List<String> args = List.of("China", "C#", "#1", "Room #5", "tab\t#x", "a<i>b", "x<d>0", "p<func>q", " padded ",
                "", "\"quoted\"", "line\nbreak", "cr\r\nlf", "sep\u2028arator", "back\\slash", "ctrl\u0001");
        Program p = new Program(args.stream().map(a -> Step.of("Find", List.of(a))).toList());
        String linear = p.toLinear();
        assertThat(linear.lines().limit(3)).containsExactly("Find<i>China", "Find<i>C#", "Find<i>#1");
        assertThat(linear).contains("Find<i>\"Room #5\"\n").contains("Find<i>\"\\\"quoted\\\"\"\n")
                .contains("Find<i>\"sep\\u2028arator\"\n");
        assertThat(parser.parse(linear)).isEqualTo(p);
        assertThat(parser.parse(p.toJson())).isEqualTo(p);
    }

    @Test
    void aStepRefusesAFunctionNameTheLinearFormWouldNotReadBack() {
        assertThatThrownBy(() -> Step.of("", List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("step function ''").hasMessageContaining("it is empty");
        assertThatThrownBy(() -> Step.of("Find Me", List.of("x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Find Me'").hasMessageContaining("U+0020 at index 4 is not");
        assertThatThrownBy(() -> Step.of("Find<i>x", List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'<' (U+003C) at index 4");
        assertThatThrownBy(() -> Step.of("3Find", List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'3' (U+0033) at index 0 is not an ASCII letter");
        for (String name : List.of(" Find", "Find ", "Fi\tnd", "Find\n", "Fi#nd", "Fi>nd", "<d>", "F\u00fcnd",
                "Find-Entity", "_Find", "Find\u00a0")) {
            assertThatThrownBy(() -> Step.of(name, List.of())).as(name)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("linear form");
        }
        Program ok = Program.of(Step.of("find", List.of("x")), Step.of("Get_Year2", List.of(), 0));
        assertThat(parser.parseLinear(ok.toLinear())).isEqualTo(ok);
    }

    @Test
    void jsonStepWhoseFunctionWouldNotReadBackNamesTheStepAndTheCharacter() {
        assertThatThrownBy(() -> parser.parse("[{\"function\": \"Find\", \"inputs\": [\"x\"]},"
                + " {\"function\": \"What is\", \"dependencies\": [0]}]"))
                .isInstanceOf(ProgramParseException.class).hasMessageStartingWith("step 1: function 'What is'")
                .hasMessageContaining("U+0020 at index 4");
        assertThatThrownBy(() -> parser.parse("[{\"function\": \"Fi#nd\", \"inputs\": [\"x\"]}]"))
                .isInstanceOf(ProgramParseException.class).hasMessageStartingWith("step 0: function 'Fi#nd'");
        assertThat(parser.parse("[{\"function\": \" Find \", \"inputs\": [\"x\"]}]").step(0).function())
                .isEqualTo("Find");
    }

    @Test
    void linearStepWithABadFunctionNameSaysWhy() {
        assertThatThrownBy(() -> parser.parse("Find<i>China\nWhat is<d>0"))
                .isInstanceOf(ProgramParseException.class).hasMessageContaining("line 2")
                .hasMessageContaining("'What is'").hasMessageContaining("U+0020 at index 4");
    }

    @Test
    void randomArgumentsRoundTripThroughTheLinearForm() {
        String[] pieces = {"a", "Z", " ", "\t", "#", " #", "\"", "\\", "<i>", "<d>", "<func>", "<", ">", "i", "\n",
                "\r", "\u2028", "\u0085", "\u00a0", "é", "0", ":", "\u0000"};
        java.util.Random rnd = new java.util.Random(20260611);
        for (int n = 0; n < 2000; n++) {
            List<Step> steps = new java.util.ArrayList<>();
            for (int s = 0; s < 1 + rnd.nextInt(3); s++) {
                List<String> inputs = new java.util.ArrayList<>();
                for (int k = 0; k < rnd.nextInt(3); k++) {
                    StringBuilder sb = new StringBuilder();
                    for (int c = rnd.nextInt(6); c > 0; c--) {
                        sb.append(pieces[rnd.nextInt(pieces.length)]);
                    }
                    inputs.add(sb.toString());
                }
                steps.add(new Step("F" + s, inputs, s == 0 ? List.of() : List.of(s - 1)));
            }
            Program p = new Program(steps);
            assertThat(parser.parseLinear(p.toLinear())).as("%s", p.toLinear()).isEqualTo(p);
        }
    }
}
