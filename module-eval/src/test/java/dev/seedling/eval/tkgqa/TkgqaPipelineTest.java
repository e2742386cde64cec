package dev.seedling.eval.tkgqa;

import dev.seedling.data.tkg.TemporalKg;
import dev.seedling.data.tkg.TkgQuestion;
import dev.seedling.eval.tkgqa.draft.DemoPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TkgqaPipelineTest {
    @TempDir
    Path out;

    static TkgQuestion question(String id, String text, String qtype, String answer) {
        return new TkgQuestion(id, TkgQuestion.Dataset.MULTITQ, text, List.of(answer), "entity", qtype, "Single",
                null, List.of(), List.of(), List.of(), Map.of());
    }

    private final TemporalKg kg = SpecFixture.multiTq();
    private final TkgQuestion equal = question("1", "Who visited China in Nov 2009?", "equal", "Barack_Obama");
    private final TkgQuestion beforeAfter = question("2", "Which country did Obama visit before 2010?",
            "before_after", "Japan");
    private final TkgQuestion unanswerable = question("3", "Who rules Atlantis?", "equal", "Poseidon");

    private ScriptedChatModel model() {
        return new ScriptedChatModel()
                .reply(equal.question(), "```\nFind<i>China\nRelate<i>visit<i>backward<d>0\n"
                        + "FilterByTimePoint<i>2009-11<d>1\nWhat<d>2\n```")
                .reply(beforeAfter.question(), "Program:\nFind<i>Barack Obama\nRelate<i>Make a visit<d>0\n"
                        + "FilterBefore<i>2010<d>1\nWhat<d>2");
    }

    @Test
    void answersDraftsAndScoresHitsFromTheResultsFile() throws IOException {
        PipelineSummary s = new TkgqaPipeline(PipelineConfig.multiTq(), new DemoPool())
                .run(kg, List.of(equal, beforeAfter, unanswerable), model(), out);
        assertThat(s.answered()).isEqualTo(3);
        assertThat(s.failed()).isEqualTo(1);
        assertThat(Files.readAllLines(s.results())).hasSize(3);
        // equal hits at 1; before_after returns {Japan, China}, both one visit, China is more recent so ranks first
        assertThat(s.report().overall().hits1()).isEqualTo(1.0 / 3);
        assertThat(s.report().overall().hits10()).isEqualTo(2.0 / 3);
        assertThat(Files.readString(s.metrics())).contains("\"hits10\"");
    }

    @Test
    void rerunSkipsAnsweredQuestionsAndRetriesTransientFailures() {
        ScriptedChatModel first = model().failTransiently(beforeAfter.question(), 1);
        TkgqaPipeline pipeline = new TkgqaPipeline(PipelineConfig.multiTq(), new DemoPool());
        PipelineSummary s1 = pipeline.run(kg, List.of(equal, beforeAfter), first, out);
        assertThat(s1.answered()).isEqualTo(1);
        assertThat(s1.retryLater()).isEqualTo(1);
        ScriptedChatModel second = model();
        PipelineSummary s2 = pipeline.run(kg, List.of(equal, beforeAfter), second, out);
        assertThat(s2.skipped()).isEqualTo(1);
        assertThat(s2.answered()).isEqualTo(1);
        assertThat(second.requests()).hasSize(1);
        assertThat(s2.report().overall().count()).isEqualTo(2);
    }

    @Test
    void tornLastRowIsDroppedAndItsQuestionAnsweredAgain() throws IOException {
        TkgqaPipeline pipeline = new TkgqaPipeline(PipelineConfig.multiTq(), new DemoPool());
        pipeline.run(kg, List.of(equal), model(), out);
        Path results = out.resolve(TkgqaPipeline.RESULTS);
        Files.writeString(results, "{\"id\": \"2\", \"datas", java.nio.file.StandardOpenOption.APPEND);
        PipelineSummary s = pipeline.run(kg, List.of(equal, beforeAfter), model(), out);
        assertThat(s.skipped()).isEqualTo(1);
        assertThat(s.answered()).isEqualTo(1);
        assertThat(Files.readAllLines(results)).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("{\"id\""));
    }

    @Test
    void malformedEarlierRowIsReportedWithItsLine() throws IOException {
        Files.writeString(out.resolve(TkgqaPipeline.RESULTS), "not json\n{}\n");
        TkgqaPipeline pipeline = new TkgqaPipeline(PipelineConfig.multiTq(), new DemoPool());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pipeline.run(kg, List.of(equal), model(), out))
                .hasMessageContaining(TkgqaPipeline.RESULTS + ":1:");
    }

    @Test
    void parallelRunWritesEveryQuestionOnceWithTheSameScores() {
        PipelineSummary s = new TkgqaPipeline(PipelineConfig.multiTq().withParallelism(4), new DemoPool())
                .run(kg, List.of(equal, beforeAfter, unanswerable, equal), model(), out);
        assertThat(s.answered()).isEqualTo(3);
        assertThat(s.skipped()).isEqualTo(1);
        assertThat(s.report().overall().hits1()).isEqualTo(1.0 / 3);
        assertThat(s.report().overall().hits10()).isEqualTo(2.0 / 3);
    }

    @Test
    void unexpectedModelErrorStopsTheRunAndKeepsFinishedRows() throws IOException {
        dev.seedling.eval.chat.ChatModel broken = new dev.seedling.eval.chat.ChatModel() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public dev.seedling.eval.chat.ChatResponse complete(dev.seedling.eval.chat.ChatRequest request) {
                String last = request.messages().get(request.messages().size() - 1).text();
                if (last.contains("Atlantis")) {
                    throw new IllegalStateException("model bug on Atlantis");
                }
                return model().complete(request);
            }
        };
        TkgqaPipeline pipeline = new TkgqaPipeline(PipelineConfig.multiTq(), new DemoPool());
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> pipeline.run(kg, List.of(equal, unanswerable, beforeAfter), broken, out))
                .isInstanceOf(IllegalStateException.class).hasMessage("model bug on Atlantis");
        assertThat(Files.readAllLines(out.resolve(TkgqaPipeline.RESULTS))).isNotEmpty()
                .allSatisfy(l -> assertThat(l).startsWith("{\"id\""));
    }
}
