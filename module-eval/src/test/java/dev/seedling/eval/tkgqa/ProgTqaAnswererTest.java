package dev.seedling.eval.tkgqa;

import dev.seedling.data.tkg.Quad;
import dev.seedling.data.tkg.TemporalKg;
import dev.seedling.data.tkg.TimeValue;
import dev.seedling.data.tkg.TkgQuestion;
import dev.seedling.eval.tkgqa.draft.DemoPool;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProgTqaAnswererTest {
    private static TkgQuestion cron(String text, List<String> relations, Map<String, String> annotation) {
        return new TkgQuestion("c1", TkgQuestion.Dataset.CRON, text, List.of("Gordon_Brown"), "entity",
                "simple_entity", "simple", null, List.of(), List.of("2008"), relations, annotation);
    }

    @Test
    void cronGoldAnnotationsBypassLinkingOfAVagueDraft() {
        TkgQuestion q = cron("Who held PM_UK during 2008?", List.of("P39"), Map.of("tail", "PM_UK"));
        ScriptedChatModel model = new ScriptedChatModel().reply(q.question(),
                "Find<i>prime minister uk\nRelate<i>position held<i>backward<d>0\nFilterByDuration<i>2008<d>1\nWhat<d>2");
        Attempt a = new TkgqaPipeline(PipelineConfig.cron(), DemoPool.seeds(TkgQuestion.Dataset.CRON))
                .answerer(SpecFixture.cron(), model).answer(q);
        assertThat(a.failedAt()).isEqualTo(Attempt.Stage.NONE);
        assertThat(a.texts()).containsExactly("Gordon_Brown");
        assertThat(a.program().step(0).inputs()).containsExactly("PM_UK");
    }

    @Test
    void postProcessingAppendsAnswersOfAlternativeRelationsAfterTheMainOnes() {
        TemporalKg kg = TemporalKg.of(List.of(
                new Quad("Iran", "Make_statement", "UN", TimeValue.day(2010, 1, 5)),
                new Quad("Iraq", "Make_an_appeal", "UN", TimeValue.day(2010, 1, 6))));
        TkgQuestion q = new TkgQuestion("m1", TkgQuestion.Dataset.MULTITQ, "Who made a statement to the UN?",
                List.of("Iraq"), "entity", "equal", "Single", null, List.of(), List.of(), List.of(), Map.of());
        ScriptedChatModel model = new ScriptedChatModel().reply(q.question(),
                "Find<i>UN\nRelate<i>make statement<i>backward<d>0\nWhat<d>1");
        Attempt without = new TkgqaPipeline(PipelineConfig.multiTq(), new DemoPool()).answerer(kg, model).answer(q);
        assertThat(without.texts()).containsExactly("Iran");
        Attempt with = new TkgqaPipeline(PipelineConfig.cron().withClassifier(TkgQuestion::qtype), new DemoPool())
                .answerer(kg, model).answer(q);
        assertThat(with.texts()).containsExactly("Iran", "Iraq");
    }

    @Test
    void invalidDraftIsReportedAtTheValidateStageWithTheStep() {
        TkgQuestion q = cron("Who held PM_UK during 2008?", List.of(), Map.of());
        ScriptedChatModel model = new ScriptedChatModel().reply(q.question(), "Find<i>PM_UK\nTeleport<d>0");
        Attempt a = new TkgqaPipeline(PipelineConfig.cron(), new DemoPool()).answerer(SpecFixture.cron(), model)
                .answer(q);
        assertThat(a.failedAt()).isEqualTo(Attempt.Stage.VALIDATE);
        assertThat(a.error()).startsWith("step 1 (Teleport)");
        assertThat(a.answers()).isEmpty();
    }

    @Test
    void timeArgumentsThatCannotRunAreReportedAtTheValidateStage() {
        TkgQuestion q = cron("Who held PM_UK during 2008?", List.of(), Map.of());
        for (String filter : List.of("FilterBefore<i>9999999<d>1", "FilterRange<i>2010<i>2005<d>1")) {
            ScriptedChatModel model = new ScriptedChatModel().reply(q.question(),
                    "Find<i>PM_UK\nRelate<i>position held<i>backward<d>0\n" + filter + "\nWhat<d>2");
            Attempt a = new TkgqaPipeline(PipelineConfig.cron(), new DemoPool()).answerer(SpecFixture.cron(), model)
                    .answer(q);
            assertThat(a.failedAt()).as(filter).isEqualTo(Attempt.Stage.VALIDATE);
            assertThat(a.error()).as(filter).startsWith("step 2 (Filter");
        }
    }
}
