package dev.seedling.eval.tkgqa.exec;

import dev.seedling.eval.tkgqa.SpecFixture;
import dev.seedling.eval.tkgqa.exec.ExecutionPolicy.DurationCounting;
import dev.seedling.eval.tkgqa.exec.ExecutionPolicy.Refinement;
import dev.seedling.eval.tkgqa.program.ProgramParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOperatorsTest {
    private static final ProgramParser PARSER = new ProgramParser();
    private static final String OBAMA_VISITS = "Find<i>Barack_Obama\nRelate<i>Make_a_visit<d>0\n";

    private static List<String> run(Executor e, String program) {
        return e.execute(PARSER.parse(program)).texts();
    }

    private final Executor multi = new Executor(SpecFixture.multiTq());

    @Test
    void getYearAndGetMonthCoarsenFactTimes() {
        assertThat(run(multi, OBAMA_VISITS + "GetYear<d>1")).containsExactly("2009", "2010");
        assertThat(run(multi, OBAMA_VISITS + "GetMonth<d>1")).containsExactly("2009-11", "2010-11");
    }

    @Test
    void getDateOfAYearIsKeptOrDroppedByPolicy() {
        String cronYears = "Find<i>Tony_Blair\nRelate<i>P39<d>0\nQueryRelationQualifier<i>start time<d>1\nGetDate<d>2";
        assertThat(run(new Executor(SpecFixture.cron()), cronYears)).containsExactly("1997");
        Executor dropping = new Executor(SpecFixture.cron(),
                ExecutionPolicy.defaults().withTimeHandling(Refinement.DROP, DurationCounting.DIFFERENCE),
                ExecutionLimits.defaults());
        assertThat(run(dropping, cronYears)).isEmpty();
    }

    @Test
    void filterLastTimeAndFilterLastEventPickTheLatestStart() {
        assertThat(run(multi, OBAMA_VISITS + "FilterLastTime<d>1")).containsExactly("2010-11-06");
        assertThat(run(multi, OBAMA_VISITS + "FilterLastEvent<d>1\nWhat<d>2")).containsExactly("India");
    }

    @Test
    void filterRangeWithTwoBoundsKeepsFactsInside() {
        assertThat(run(multi, OBAMA_VISITS + "FilterRange<i>2009-11-14<i>2010-12<d>1\nWhat<d>2"))
                .containsExactlyInAnyOrder("China", "India");
    }

    @Test
    void getDurationMeasuresSpansInTheirUnits() {
        String blairSpan = "Find<i>Tony_Blair\nRelate<i>P39<d>0\nGetDuration<d>1";
        assertThat(run(new Executor(SpecFixture.cron()), blairSpan)).containsExactly("10");
        Executor counting = new Executor(SpecFixture.cron(), ExecutionPolicy.defaults()
                .withTimeHandling(Refinement.KEEP_COARSER, DurationCounting.INCLUSIVE_COUNT), ExecutionLimits.defaults());
        assertThat(run(counting, blairSpan)).containsExactly("11");
    }

    @Test
    void queryRelationQualifierEndTimeIsTheLastYearOfTheSpan() {
        assertThat(run(new Executor(SpecFixture.cron()),
                "Find<i>Tony_Blair\nRelate<i>P39<d>0\nQueryRelationQualifier<i>end time<d>1")).containsExactly("2007");
    }

    @Test
    void andOrIntersectAndUniteEntitySets() {
        String both = "Find<i>China\nRelate<i>Make_a_visit<i>backward<d>0\nFind<i>Japan\n"
                + "Relate<i>Make_a_visit<i>backward<d>2\n";
        assertThat(run(multi, both + "And<d>1<d>3")).containsExactly("Barack_Obama");
        assertThat(run(multi, both + "Or<d>1<d>3")).containsExactlyInAnyOrder("Barack_Obama", "Angela_Merkel");
    }

    @Test
    void afterPivotSetUsesItsEarliestTimeByDefault() {
        // Merkel visited China in 2010 and 2012; "after Merkel visited China" uses 2010-07-16 (MIN), so India counts
        String program = "Find<i>Angela_Merkel\nRelate<i>Make_a_visit<d>0\n" + OBAMA_VISITS.replace("<d>0", "<d>2")
                + "FilterAfter<d>3<d>1\nWhat<d>4";
        assertThat(run(multi, program)).containsExactly("India");
        Executor latest = new Executor(SpecFixture.multiTq(), ExecutionPolicy.defaults().withPivotReductions(
                ExecutionPolicy.PivotReduction.MAX, ExecutionPolicy.PivotReduction.MAX,
                ExecutionPolicy.PivotReduction.ANY), ExecutionLimits.defaults());
        assertThat(run(latest, program)).isEmpty();
    }
}
