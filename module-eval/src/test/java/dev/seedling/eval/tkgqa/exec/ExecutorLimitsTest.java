package dev.seedling.eval.tkgqa.exec;

import dev.seedling.data.tkg.TemporalKg;
import dev.seedling.data.tkg.TimeValue;
import dev.seedling.eval.tkgqa.SpecFixture;
import dev.seedling.eval.tkgqa.program.ProgramParser;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExecutorLimitsTest {
    private static final ProgramParser PARSER = new ProgramParser();

    @Test
    void programWithTooManyStepsIsRefusedBeforeRunning() {
        String longProgram = "Find<i>China\n" + "What<d>0\n".repeat(100);
        Executor e = new Executor(SpecFixture.multiTq(), ExecutionPolicy.defaults(), new ExecutionLimits(64, 1000, 1_000_000_000L));
        assertThatThrownBy(() -> e.execute(PARSER.parse(longProgram)))
                .isInstanceOf(ExecutionLimitException.class).hasMessageContaining("steps limit 64 exceeded (101)");
    }

    @Test
    void relateFromAHubIsStoppedBeforeItsFactsAreMaterialised() {
        TemporalKg.Builder b = TemporalKg.builder();
        for (int i = 0; i < 5000; i++) {
            b.add("Hub", "r", "e" + i, TimeValue.day(2010, 1, 1 + i % 28));
        }
        Executor e = new Executor(b.build(), ExecutionPolicy.defaults(), new ExecutionLimits(64, 1000, 1_000_000_000L));
        assertThatThrownBy(() -> e.execute(PARSER.parse("Find<i>Hub\nRelate<i>r<d>0\nWhat<d>1")))
                .isInstanceOf(ExecutionLimitException.class)
                .hasMessage("step 1 (Relate): set size limit 1000 exceeded (5000)")
                .satisfies(x -> assertThat(((ExecutionLimitException) x).limit()).isEqualTo("set size"));
    }

    @Test
    void programPastItsTimeBudgetIsStoppedAtTheStepThatOverran() {
        AtomicLong now = new AtomicLong();
        // each clock read advances 10 ms, so the third step starts past a 50 ms budget
        Executor e = new Executor(SpecFixture.multiTq(), ExecutionPolicy.defaults(),
                new ExecutionLimits(64, 1000, 50_000_000L), () -> now.addAndGet(10_000_000L));
        assertThatThrownBy(() -> e.execute(PARSER.parse("Find<i>China\nWhat<d>0\nWhat<d>1\nWhat<d>2\nWhat<d>3")))
                .isInstanceOf(ExecutionLimitException.class).hasMessageContaining("time (ns) limit 50000000");
    }

    @Test
    void traceRecordsEveryStepWithSizeAndPreview() {
        ExecutionResult r = new Executor(SpecFixture.multiTq()).execute(PARSER.parse(
                "Find<i>China\nRelate<i>Make_a_visit<i>backward<d>0\nWhat<d>1"));
        assertThat(r.trace()).extracting(TraceStep::size).containsExactly(1, 3, 2);
        assertThat(r.trace().get(1).step()).isEqualTo("Relate<i>Make_a_visit<i>backward<d>0");
        assertThat(r.trace().get(2).preview()).containsExactly("Barack_Obama", "Angela_Merkel");
    }

    @Test
    void answersAreRankedBySupportThenRecencyThenName() {
        // Merkel visited China twice, Obama once: Merkel has more support
        ExecutionResult r = new Executor(SpecFixture.multiTq()).execute(PARSER.parse(
                "Find<i>China\nRelate<i>Make_a_visit<i>backward<d>0\nWhat<d>1"));
        assertThat(r.answers()).extracting(RankedAnswer::text).containsExactly("Angela_Merkel", "Barack_Obama");
        assertThat(r.answers().get(0).support()).isEqualTo(2);
        ExecutionResult byName = new Executor(SpecFixture.multiTq(),
                ExecutionPolicy.defaults().withRanking(AnswerRanking.NAME), ExecutionLimits.defaults())
                .execute(PARSER.parse("Find<i>Barack_Obama\nRelate<i>Make_a_visit<d>0\nWhat<d>1"));
        assertThat(byName.texts()).containsExactly("China", "India", "Japan");
    }

    @Test
    void unknownEntityGivesAnEmptyAnswerNotAnError() {
        assertThat(new Executor(SpecFixture.multiTq()).execute(PARSER.parse(
                "Find<i>Atlantis\nRelate<i>Make_a_visit<d>0\nWhat<d>1")).answers()).isEmpty();
    }
}
