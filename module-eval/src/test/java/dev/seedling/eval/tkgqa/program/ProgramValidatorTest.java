package dev.seedling.eval.tkgqa.program;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProgramValidatorTest {
    private final ProgramParser parser = new ProgramParser();
    private final ProgramValidator validator = new ProgramValidator();

    private CheckedProgram check(String linear) {
        return validator.validate(parser.parse(linear));
    }

    @Test
    void validProgramGetsResultTypesPerStep() {
        CheckedProgram c = check("Find<i>China\nRelate<i>Make_a_visit<i>backward<d>0\nFilterFirstTime<d>1");
        assertThat(c.types()).containsExactly(ValueType.ENTITIES, ValueType.FACTS, ValueType.TIMES);
        assertThat(c.answerType()).isEqualTo(ValueType.TIMES);
    }

    @Test
    void unknownFunctionIsNamedWithItsStep() {
        assertThatThrownBy(() -> check("Find<i>China\nTeleport<d>0"))
                .isInstanceOf(ProgramValidationException.class)
                .hasMessageStartingWith("step 1 (Teleport): unknown function")
                .satisfies(e -> assertThat(((ProgramValidationException) e).step()).isEqualTo(1));
    }

    @Test
    void wrongArityNamesTheAcceptedForms() {
        assertThatThrownBy(() -> check("Find<i>China<i>Japan"))
                .isInstanceOf(ProgramValidationException.class)
                .hasMessageStartingWith("step 0 (Find): takes 1 text + []");
    }

    @Test
    void dependencyOnALaterStepIsRejected() {
        assertThatThrownBy(() -> check("Find<i>China\nWhat<d>2\nWhat<d>0"))
                .hasMessageStartingWith("step 1 (What): dependency 2 is not an earlier step");
    }

    @Test
    void selfDependencyIsRejected() {
        assertThatThrownBy(() -> check("Find<i>China\nWhat<d>1"))
                .hasMessageStartingWith("step 1 (What): dependency 1 is not an earlier step");
    }

    @Test
    void wrongArgumentTypeNamesTheDependency() {
        assertThatThrownBy(() -> check("Find<i>China\nFilterFirstEvent<d>0"))
                .hasMessageStartingWith("step 1 (FilterFirstEvent): dependency 0 (step 0) is ENTITIES but must be FACTS");
    }

    @Test
    void badDirectionAndBadTimeLiteralAreRejected() {
        assertThatThrownBy(() -> check("Find<i>China\nRelate<i>Make_a_visit<i>sideways<d>0"))
                .hasMessageContaining("step 1 (Relate): direction 'sideways'");
        assertThatThrownBy(() -> check("Find<i>China\nRelate<i>Make_a_visit<d>0\nFilterBefore<i>Nov 2009<d>1"))
                .hasMessageStartingWith("step 2 (FilterBefore):").hasMessageContaining("'Nov 2009'");
    }

    @Test
    void emptyProgramIsRejected() {
        assertThatThrownBy(() -> validator.validate(new Program(java.util.List.of())))
                .isInstanceOf(ProgramValidationException.class).hasMessageContaining("no steps");
    }
    @Test
    void aYearBeyondTheSupportedRangeIsABadTimeLiteral() {
        assertThatThrownBy(() -> check("Find<i>x\nRelate<i>r<d>0\nFilterBefore<i>9999999<d>1"))
                .isInstanceOf(ProgramValidationException.class)
                .hasMessageStartingWith("step 2 (FilterBefore):").hasMessageContaining("'9999999'");
    }

    @Test
    void timeBoundsInReverseOrderAreRejected() {
        assertThatThrownBy(() -> check("Find<i>x\nRelate<i>r<d>0\nFilterRange<i>2010<i>2005<d>1"))
                .isInstanceOf(ProgramValidationException.class)
                .hasMessageStartingWith("step 2 (FilterRange): '2010' to '2005' is not a range");
        assertThat(check("Find<i>x\nRelate<i>r<d>0\nFilterRange<i>2010<i>2010-03<d>1").types()).hasSize(3);
    }
}
