package dev.seedling.eval.tkgqa.tune;

import dev.seedling.data.tkg.TemporalKg;
import dev.seedling.data.tkg.TkgQuestion;
import dev.seedling.eval.local.LocalModel;
import dev.seedling.eval.local.TinyLocalModels;
import dev.seedling.eval.tkgqa.PipelineConfig;
import dev.seedling.eval.tkgqa.ScriptedChatModel;
import dev.seedling.eval.tkgqa.SpecFixture;
import dev.seedling.eval.tkgqa.TkgqaPipeline;
import dev.seedling.eval.tkgqa.draft.DemoPool;
import dev.seedling.eval.tkgqa.metric.AnswerMatching;
import dev.seedling.eval.tkgqa.metric.HitsAtK;
import dev.seedling.models.checkpoint.ModelDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FineTuneSelfImprovementLoopTest {
    private final TemporalKg kg = SpecFixture.multiTq();
    private final TkgQuestion china = question("1", "Who visited China in Nov 2009?", "equal",
            "Barack_Obama");
    private final TkgQuestion india = question("2", "Who visited India in Nov 2010?", "equal",
            "Barack_Obama");
    private final TkgQuestion wrong = question("3", "Who visited Japan in Nov 2009?", "equal",
            "Angela_Merkel");
    private final ScriptedChatModel firstDrafter = new ScriptedChatModel()
            .reply(china.question(), "Find<i>China\nRelate<i>Make_a_visit<i>backward<d>0\n"
                    + "FilterByTimePoint<i>2009-11<d>1\nWhat<d>2")
            .reply(india.question(), "Find<i>India\nRelate<i>visit<i>backward<d>0\n"
                    + "FilterByTimePoint<i>2010-11<d>1\nWhat<d>2")
            .reply(wrong.question(), "Find<i>Japan\nRelate<i>Make_a_visit<i>backward<d>0\nWhat<d>1");
    private final TkgqaPipeline pipeline = new TkgqaPipeline(PipelineConfig.multiTq(), DemoPool.seeds(
            TkgQuestion.Dataset.MULTITQ));

    private static TkgQuestion question(String id, String text, String qtype, String answer) {
        return new TkgQuestion(id, TkgQuestion.Dataset.MULTITQ, text, List.of(answer), "entity", qtype, "Single",
                null, List.of(), List.of(), List.of(), Map.of());
    }

    @Test
    void verifiedProgramsFineTuneTheModelWhichDraftsTheNextRound(@TempDir Path work) {
        LocalModel tiny = TinyLocalModels.tiny();
        var settings = new FineTuneSettings(2, 1, 2, 2, 3e-3, 0f);
        var loop = new FineTuneSelfImprovementLoop(m -> pipeline.answerer(kg, m), tiny,
                new HitsAtK(AnswerMatching.EXACT), settings, work);
        List<FineTuneRound> rounds = loop.run(List.of(china, india, wrong), firstDrafter);

        FineTuneRound first = rounds.get(0);
        assertThat(first.drafting().attempted()).isEqualTo(3);
        assertThat(first.drafting().verified()).isEqualTo(2);
        assertThat(first.drafting().wrongAnswer()).isEqualTo(1);
        assertThat(first.drafting().poolSize()).isEqualTo(2);
        assertThat(first.examples()).isEqualTo(2);
        assertThat(first.tooLong()).isZero();
        assertThat(first.steps()).isEqualTo(2);   // 2 epochs of 2 examples in batches of 2
        assertThat(first.lossAfter()).isLessThan(first.lossBefore());
        assertThat(first.checkpoint()).isDirectory();
        for (String file : List.of(ModelDirectory.CONFIG, ModelDirectory.WEIGHTS, ModelDirectory.TOKENIZER)) {
            assertThat(first.checkpoint().resolve(file)).isRegularFile();
        }
        assertThat(work.resolve("round-01/loss.csv")).isRegularFile();
        // the checkpoint is the fine-tuned model: reloaded, it embeds the prompt states exactly as the live one
        LocalModel reloaded = LocalModel.load(first.checkpoint());
        assertThat(ModelDirectory.weights(reloaded.model()).get("embed.weight").toFloatArray())
                .containsExactly(ModelDirectory.weights(tiny.model()).get("embed.weight").toFloatArray());

        // round 2 asks only the failure, and asks the fine-tuned model, not the first drafter
        assertThat(rounds).hasSize(2);
        assertThat(rounds.get(1).drafting().attempted()).isEqualTo(1);
        assertThat(firstDrafter.requests()).hasSize(3);
    }

    @Test
    void theFineTunedModelWritesAKeptProgramWhenAskedItsPromptAgain(@TempDir Path work) {
        // one kept example, trained until memorised: proves training examples and chat prompts line up
        var loop = new FineTuneSelfImprovementLoop(m -> pipeline.answerer(kg, m), TinyLocalModels.tiny(),
                new HitsAtK(AnswerMatching.EXACT), new FineTuneSettings(1, 1, 30, 1, 2e-2, 0f), work);
        FineTuneRound round = loop.run(List.of(china), firstDrafter).get(0);
        assertThat(round.lossAfter()).isLessThan(round.lossBefore() / 10);
        var request = pipeline.answerer(kg, loop.tunedModel()).draftRequest(china, "equal");
        assertThat(loop.tunedModel().complete(request).text()).isEqualTo("Find<i>China\n"
                + "Relate<i>Make_a_visit<i>backward<d>0\nFilterByTimePoint<i>2009-11<d>1\nWhat<d>2");
    }

    @Test
    void aWorkDirectoryHoldsOneRun(@TempDir Path work) throws Exception {
        Files.createDirectories(work.resolve("round-01"));
        var loop = new FineTuneSelfImprovementLoop(m -> pipeline.answerer(kg, m), TinyLocalModels.tiny(),
                new HitsAtK(AnswerMatching.EXACT), new FineTuneSettings(1, 1, 1, 2, 1e-3, 0f), work);
        assertThatThrownBy(() -> loop.run(List.of(china), firstDrafter)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("round-01").hasMessageContaining("fresh");
    }
}
