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
}
