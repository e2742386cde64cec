package dev.seedling.eval.tkgqa.exec;

import dev.seedling.data.tkg.TemporalKg;
import dev.seedling.eval.tkgqa.SpecFixture;
import dev.seedling.eval.tkgqa.program.ProgramParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The expected answers of spec part 3(e), each from a hand-written program in the linear form. */
class SpecFixtureAnswersTest {
    private static final ProgramParser PARSER = new ProgramParser();
    private final Executor multi = new Executor(SpecFixture.multiTq());
    private final Executor cron = new Executor(SpecFixture.cron());

    private static List<String> run(Executor e, String program) {
        return e.execute(PARSER.parse(program)).texts();
    }

    @Test
    void equalWhoVisitedChinaInNovember2009IsObama() {
        assertThat(run(multi, """
                Find<i>China
                Relate<i>Make_a_visit<i>backward<d>0
                FilterByTimePoint<i>2009-11<d>1
                What<d>2
                """)).containsExactly("Barack_Obama");
    }

    @Test
    void firstLastWhenDidMerkelFirstVisitChinaIs20100716() {
        assertThat(run(multi, """
                Find<i>Angela_Merkel
                Relate<i>Make_a_visit<i>forward<d>0
                FilterEntity<i>China<d>1
                FilterFirstTime<d>2
                """)).containsExactly("2010-07-16");
    }

    @Test
    void beforeAfterWhichCountryDidObamaVisitBefore2010IsJapanAndChina() {
        assertThat(run(multi, """
                Find<i>Barack_Obama
                Relate<i>Make_a_visit<i>forward<d>0
                FilterBefore<i>2010<d>1
                What<d>2
                """)).containsExactlyInAnyOrder("Japan", "China");
    }

    @Test
    void afterFirstWhoFirstVisitedChinaAfterObamaIsMerkel() {
        // the spec's worked example, verbatim with its step numbers and comments
        assertThat(run(multi, """
                0 Find<i>China
                1 Relate<i>Make_a_visit<i>backward<d>0
                2 FilterEntity<i>Barack_Obama<d>1
                3 FilterFirstTime<d>2   # {2009-11-15}
                4 FilterAfter<d>1<d>3
                5 FilterFirstEvent<d>4   # Merkel's 2010-07-16 fact
                6 What<d>5               # {Angela_Merkel}
                """)).containsExactly("Angela_Merkel");
    }

    @Test
    void beforeLastWhoLastCriticizedJapanBeforeIndiaSignedWithJapanIsChina() {
        assertThat(run(multi, """
                Find<i>India
                Relate<i>Sign_agreement<i>forward<d>0
                FilterEntity<i>Japan<d>1
                QueryRelationQualifier<d>2
                Find<i>Japan
                Relate<i>Criticize<i>backward<d>4
                FilterBefore<d>5<d>3
                FilterLastEvent<d>6
                What<d>7
                """)).containsExactly("China");
    }

    @Test
    void equalMultiWhoCriticizedChinaInTheMonthChinaCriticizedJapanIsJapan() {
        assertThat(run(multi, """
                Find<i>China
                Relate<i>Criticize<i>forward<d>0
                FilterEntity<i>Japan<d>1
                GetMonth<d>2
                Find<i>China
                Relate<i>Criticize<i>backward<d>4
                FilterByTimePoint<d>5<d>3
                What<d>6
                """)).containsExactly("Japan");
    }

    @Test
    void cronWhoWasPrimeMinisterDuring2008IsBrown() {
        assertThat(run(cron, """
                Find<i>PM_UK
                Relate<i>P39<i>backward<d>0
                FilterByDuration<i>2008<d>1
                What<d>2
                """)).containsExactly("Gordon_Brown");
    }

    @Test
    void cronFactsAreYearSpans() {
        TemporalKg kg = SpecFixture.cron();
        assertThat(run(cron, """
                Find<i>Tony_Blair
                Relate<i>P39<d>0
                QueryEventQualifier<d>1
                """)).containsExactly("1997/2007");
        assertThat(kg.size()).isEqualTo(2);
    }
}
