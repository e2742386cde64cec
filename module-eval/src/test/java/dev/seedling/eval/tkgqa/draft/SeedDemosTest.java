package dev.seedling.eval.tkgqa.draft;

import dev.seedling.data.tkg.TkgQuestion;
import dev.seedling.eval.tkgqa.PipelineConfig;
import dev.seedling.eval.tkgqa.SpecFixture;
import dev.seedling.eval.tkgqa.exec.Executor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SeedDemosTest {
    private static final List<String> MULTITQ = List.of("equal", "before_after", "first_last", "equal_multi",
            "after_first", "before_last");
    private static final List<String> CRON = List.of("simple_entity", "simple_time", "before_after", "first_last",
            "time_join");

    @Test
    void everyMultiTqCategoryHasSeedDemosThatAnswerOnTheFixture() {
        DemoPool pool = DemoPool.seeds(TkgQuestion.Dataset.MULTITQ);
        Executor executor = new Executor(SpecFixture.multiTq(), PipelineConfig.multiTq().policy(),
                PipelineConfig.multiTq().limits());
        for (String category : MULTITQ) {
            assertThat(pool.demos(category)).as(category).isNotEmpty().allSatisfy(d ->
                    assertThat(executor.execute(d.program()).answers()).as(d.question()).isNotEmpty());
        }
    }

    @Test
    void everyCronCategoryHasSeedDemosThatAnswerOnTheFixtureUnderTheCronPolicy() {
        DemoPool pool = DemoPool.seeds(TkgQuestion.Dataset.CRON);
        Executor executor = new Executor(SpecFixture.cron(), PipelineConfig.cron().policy(),
                PipelineConfig.cron().limits());
        for (String category : CRON) {
            assertThat(pool.demos(category)).as(category).isNotEmpty().allSatisfy(d ->
                    assertThat(executor.execute(d.program()).answers()).as(d.question()).isNotEmpty());
        }
        assertThat(pool.demos("equal")).isEmpty();
    }

    @Test
    void cronPresetFindsBlairBeforeBrownAlthoughTheirSpansShare2007() {
        Demo beforeBrown = DemoPool.seeds(TkgQuestion.Dataset.CRON).demos("before_after").get(0);
        Executor cron = new Executor(SpecFixture.cron(), PipelineConfig.cron().policy(), PipelineConfig.cron().limits());
        assertThat(cron.execute(beforeBrown.program()).texts()).containsExactly("Tony_Blair");
        assertThat(new Executor(SpecFixture.cron()).execute(beforeBrown.program()).texts()).isEmpty();
    }
}
