package dev.seedling.eval.vqa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seedling.data.vqa.VqaDataset;
import dev.seedling.eval.chat.ChatModelException;
import dev.seedling.eval.chat.ChatRequest;
import dev.seedling.eval.chat.ContentPart;
import dev.seedling.eval.chat.ScriptedChatModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimpleVqaEvaluationTest {
    @TempDir
    Path dir;

    private VqaRunOutcome runFixture(VqaRunOptions options) {
        VqaDataset data = SixItemFixture.write(dir);
        return SimpleVqaEvaluation.run(data, SixItemFixture.model(), SixItemFixture.judge(), dir.resolve("out"),
                options);
    }

    @Test
    void sixItemFixtureGivesTheHandComputedMetrics() {
        VqaRunOutcome out = runFixture(VqaRunOptions.defaults());

        Metrics m = out.report().factuality().overall();
        assertThat(out.complete()).isTrue();
        assertThat(m.co()).isCloseTo(0.5, within(1e-9));
        assertThat(m.in()).isCloseTo(0.333, within(5e-4));
        assertThat(m.na()).isCloseTo(0.167, within(5e-4));
        assertThat(m.cga()).isCloseTo(0.6, within(1e-9));
        assertThat(m.f()).isCloseTo(0.54545, within(5e-6));
        assertThat(m.parseFailures()).isZero();
        // CN: 北京 correct, 上海 incorrect, refusal not attempted; EN: 1961 and Paris correct, Mount Fuji incorrect
        assertThat(out.report().factuality().byLanguage().get("CN").correct()).isEqualTo(1);
        assertThat(out.report().factuality().byLanguage().get("EN").correct()).isEqualTo(2);
        assertThat(out.report().factuality().byTask().keySet()).containsExactly("TE", "PE", "LB");
        assertThat(out.report().factuality().byTask().get("LB").n()).isEqualTo(3);
    }

    @Test
    void letterJudgeForEnglishGivesTheSameGrades() {
        VqaRunOutcome out = runFixture(VqaRunOptions.defaults().withJudge(JudgeChoice.BY_LANGUAGE));

        assertThat(out.report().factuality().overall().f()).isCloseTo(6.0 / 11, within(1e-12));
    }

    @Test
    void modelIsSentTheImageAndTheQuestionInTheItemsLanguage() {
        VqaDataset data = SixItemFixture.write(dir);
        ScriptedChatModel model = SixItemFixture.model();
        SimpleVqaEvaluation.run(data, model, SixItemFixture.judge(), dir.resolve("out"),
                VqaRunOptions.defaults().withConcurrency(1));

        ChatRequest first = model.requests().stream()
                .filter(r -> SixItemFixture.question(r).equals("图中建筑位于哪个城市？")).findFirst().orElseThrow();
        assertThat(first.messages().get(0).parts().get(0)).isInstanceOfSatisfying(ContentPart.Image.class,
                img -> assertThat(img.mimeType()).isEqualTo("image/png"));
        assertThat(first.messages().get(0).text()).startsWith("假如你是一个计算机视觉专家");
    }

    @Test
    void outputFolderHoldsManifestResultsAndReports() throws Exception {
        runFixture(VqaRunOptions.defaults().withCalibration(true));
        Path out = dir.resolve("out");

        JsonNode manifest = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertThat(manifest.path("model").asText()).isEqualTo("scripted-vlm");
        assertThat(manifest.path("judge").asText()).isEqualTo("scripted-judge");
        assertThat(manifest.path("dataset_sha256").asText()).hasSize(64);
        assertThat(manifest.path("prompts").path("answer_en").asText()).hasSize(64);
        assertThat(Files.readAllLines(out.resolve("results.jsonl"))).hasSize(24); // 6 items × 2 stages × (answer+grade)
        String md = Files.readString(out.resolve("report.md"));
        assertThat(md).contains("| Model | CO | NA | IN | CGA | F |")
                .contains("| scripted-vlm | 50.0 | 16.7 | 33.3 | 60.0 | 54.5 |")
                .contains("## F by task").contains("## Calibration")
                .contains("| 80–90 | 6 | 50.0 | 80.0 |").contains("| 0–10 | 0 | – | – |");
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.path("overall").path("f").asDouble()).isCloseTo(6.0 / 11, within(1e-12));
        assertThat(report.path("by_language").path("EN").path("co").asDouble()).isCloseTo(2.0 / 3, within(1e-12));
        // every calibration answer says 80: one bin with accuracy 3/6, ECE = |0.5 − 0.8|
        assertThat(report.path("calibration").path("ece").asDouble()).isCloseTo(0.3, within(1e-12));
        assertThat(out.resolve("reliability.svg")).exists();
        assertThat(out.resolve("f_by_task.svg")).exists();
    }

    @Test
    void atomicProbeSeparatesVisualFromKnowledgeErrors() {
        VqaRunOutcome out = runFixture(VqaRunOptions.defaults().withAtomicProbe(true));

        // item 1: atomic 祈年殿 ≈ 天坛 correct, hinted answer 上海 wrong → KNOWLEDGE; item 4: Joe Biden → VISUAL
        assertThat(out.report().probe()).containsEntry(AtomicProbe.Outcome.KNOWLEDGE, 1)
                .containsEntry(AtomicProbe.Outcome.VISUAL, 1).doesNotContainKey(AtomicProbe.Outcome.NONE);
    }

    @Test
    void endpointFailingMidwayKeepsFinishedWorkAndResumeAsksOnlyTheRest() throws Exception {
        VqaDataset data = SixItemFixture.write(dir);
        Path out = dir.resolve("out");
        VqaRunOptions options = VqaRunOptions.defaults().withConcurrency(1).withMaxConsecutiveFailures(2);
        List<String> firstAsked = new ArrayList<>();

        VqaRunOutcome broken = SimpleVqaEvaluation.run(data, SixItemFixture.failingAfter(3, firstAsked),
                SixItemFixture.judge(), out, options);

        assertThat(broken.complete()).isFalse();
        assertThat(broken.stoppedEarly()).isTrue();
        assertThat(broken.report().itemsGraded()).isEqualTo(3);
        assertThat(Files.readString(out.resolve("report.md"))).contains("**Incomplete run:** 3 of 6");
        assertThat(Files.readString(out.resolve("results.jsonl"))).contains("\"type\":\"error\"")
                .contains("HTTP 503");

        ScriptedChatModel model = SixItemFixture.model();
        VqaRunOutcome resumed = SimpleVqaEvaluation.run(data, model, SixItemFixture.judge(), out,
                options.withResume(true));

        assertThat(resumed.complete()).isTrue();
        assertThat(resumed.alreadyDone()).isEqualTo(3);
        List<String> askedAgain = model.requests().stream().map(SixItemFixture::question).toList();
        assertThat(askedAgain).hasSize(3).doesNotContainAnyElementsOf(firstAsked);
        assertThat(resumed.report().factuality().overall().f()).isCloseTo(6.0 / 11, within(1e-12));
    }

    @Test
    void answerWhoseGradeWasLostIsOnlyJudgedOnResume() {
        VqaDataset data = SixItemFixture.write(dir);
        Path out = dir.resolve("out");
        ScriptedChatModel brokenJudge = ScriptedChatModel.replying("scripted-judge", r -> {
            if (r.messages().get(0).text().contains("Mount Everest")) {
                throw new ChatModelException("judge down", true);
            }
            return SixItemFixture.judgeReply(r);
        });
        VqaRunOptions options = VqaRunOptions.defaults().withConcurrency(1);
        assertThat(SimpleVqaEvaluation.run(data, SixItemFixture.model(), brokenJudge, out, options).complete())
                .isFalse();

        ScriptedChatModel model = SixItemFixture.model();
        ScriptedChatModel judge = SixItemFixture.judge();
        VqaRunOutcome resumed = SimpleVqaEvaluation.run(data, model, judge, out, options.withResume(true));

        assertThat(resumed.complete()).isTrue();
        assertThat(model.requests()).isEmpty();
        assertThat(judge.requests()).hasSize(1);
        assertThat(judge.requests().get(0).messages().get(0).text()).contains("Mount Everest");
    }

    @Test
    void existingResultsAreNotOverwrittenWithoutResume() {
        runFixture(VqaRunOptions.defaults());

        assertThatThrownBy(() -> runFixture(VqaRunOptions.defaults()))
                .isInstanceOf(VqaRunException.class)
                .hasMessageContaining("holds results of an earlier run");
    }

    @Test
    void resumingWithAnotherModelIsRefused() {
        VqaDataset data = SixItemFixture.write(dir);
        Path out = dir.resolve("out");
        SimpleVqaEvaluation.run(data, SixItemFixture.model(), SixItemFixture.judge(), out, VqaRunOptions.defaults());
        ScriptedChatModel other = ScriptedChatModel.replying("other-vlm", SixItemFixture::reply);

        assertThatThrownBy(() -> SimpleVqaEvaluation.run(data, other, SixItemFixture.judge(), out,
                VqaRunOptions.defaults().withResume(true)))
                .isInstanceOf(VqaRunException.class)
                .hasMessageContaining("model scripted-vlm vs other-vlm");
    }

    @Test
    void comparisonTableHasOneRowPerRunWithLanguageColumns() {
        VqaReport report = runFixture(VqaRunOptions.defaults()).report();

        String table = new VqaReportWriter().comparison(List.of(report, report));

        // CN: 1 correct, 1 incorrect, 1 not attempted → CO 1/3, CGA 1/2, F = 2·(1/3)(1/2)/(5/6) = 0.4
        // EN: 2 correct, 1 incorrect → CO 2/3, CGA 2/3, F = 2/3
        assertThat(table.lines().filter(l -> l.startsWith("| scripted-vlm | 50.0 | 16.7 | 33.3 | 60.0 | 54.5 | 40.0 | 66.7 |")))
                .hasSize(2);
        assertThat(table).doesNotContain("Warning");
    }

    @Test
    void unreadableImageFailsOnlyItsItemAndIsRecorded() throws Exception {
        VqaDataset data = SixItemFixture.write(dir);
        Files.delete(dir.resolve("pixel.png")); // every item shares it, so every item fails, none is asked

        ScriptedChatModel model = SixItemFixture.model();
        VqaRunOutcome out = SimpleVqaEvaluation.run(data, model, SixItemFixture.judge(), dir.resolve("out"),
                VqaRunOptions.defaults().withMaxConsecutiveFailures(1));

        assertThat(out.failedItems()).isEqualTo(6);
        assertThat(out.stoppedEarly()).isFalse(); // not an endpoint failure
        assertThat(model.requests()).isEmpty();
        assertThat(Files.readString(dir.resolve("out/results.jsonl"))).contains("\"role\":\"item\"")
                .contains("pixel.png");
    }
}
