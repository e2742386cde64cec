package dev.seedling.eval.tkgqa.exec;

import dev.seedling.eval.tkgqa.SpecFixture;
import dev.seedling.eval.tkgqa.exec.ExecutionPolicy.Boundary;
import dev.seedling.eval.tkgqa.exec.ExecutionPolicy.IntervalEdge;
import dev.seedling.eval.tkgqa.program.ProgramParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the boundary policy on 2007, the year both PM_UK facts share (Blair 1997/2007, Brown 2007/2010): by default
 * Before and After are strict on days, so a span touching 2007 is neither before nor after 2007, and "during 2007"
 * (overlap) holds for both.
 */
class IntervalBoundaryPolicyTest {
    private static final ProgramParser PARSER = new ProgramParser();

    private static List<String> primeMinisters(ExecutionPolicy policy, String filter) {
        Executor e = new Executor(SpecFixture.cron(), policy, ExecutionLimits.defaults());
        return e.execute(PARSER.parse("Find<i>PM_UK\nRelate<i>P39<i>backward<d>0\n" + filter + "<d>1\nWhat<d>2"))
                .texts();
    }

    @Test
    void filterBeforeExcludesIntervalsEndingOnThePivotYear() {
        assertThat(primeMinisters(ExecutionPolicy.defaults(), "FilterBefore<i>2007")).isEmpty();
        assertThat(primeMinisters(ExecutionPolicy.defaults(), "FilterBefore<i>2008")).containsExactly("Tony_Blair");
    }

    @Test
    void filterAfterExcludesIntervalsStartingOnThePivotYear() {
        assertThat(primeMinisters(ExecutionPolicy.defaults(), "FilterAfter<i>2007")).isEmpty();
        assertThat(primeMinisters(ExecutionPolicy.defaults(), "FilterAfter<i>2006")).containsExactly("Gordon_Brown");
    }

    @Test
    void filterByDurationDuring2007KeepsBothPrimeMinisters() {
        assertThat(primeMinisters(ExecutionPolicy.defaults(), "FilterByDuration<i>2007"))
                .containsExactlyInAnyOrder("Tony_Blair", "Gordon_Brown");
    }

    @Test
    void inclusiveBoundaryAdmitsSpansSharingThePivotYear() {
        ExecutionPolicy inclusive = ExecutionPolicy.defaults().withBoundary(Boundary.INCLUSIVE);
        assertThat(primeMinisters(inclusive, "FilterBefore<i>2007")).containsExactly("Tony_Blair");
        assertThat(primeMinisters(inclusive, "FilterAfter<i>2007")).containsExactly("Gordon_Brown");
    }

    @Test
    void afterAnIntervalPivotComparesWithItsEndUnlessToldToUseItsStart() {
        String afterBlair = """
                Find<i>Tony_Blair
                Relate<i>P39<d>0
                Find<i>PM_UK
                Relate<i>P39<i>backward<d>2
                FilterAfter<d>3<d>1
                What<d>4
                """;
        Executor whole = new Executor(SpecFixture.cron());
        assertThat(whole.execute(PARSER.parse(afterBlair)).texts()).isEmpty();
        Executor fromStart = new Executor(SpecFixture.cron(),
                ExecutionPolicy.defaults().withEdges(IntervalEdge.START, IntervalEdge.WHOLE), ExecutionLimits.defaults());
        assertThat(fromStart.execute(PARSER.parse(afterBlair)).texts()).containsExactly("Gordon_Brown");
    }
}
