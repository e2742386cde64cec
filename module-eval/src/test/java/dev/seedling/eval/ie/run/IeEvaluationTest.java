package dev.seedling.eval.ie.run;

import dev.seedling.eval.ie.AnnotatedSentence;
import dev.seedling.eval.ie.IeFixture;
import dev.seedling.eval.ie.render.CodeStyle;
import dev.seedling.eval.ie.render.GoldToCode;
import dev.seedling.eval.ie.render.PythonLiteral;
import dev.seedling.eval.ie.score.IeScore;
import dev.seedling.eval.ie.IeTask;
import dev.seedling.eval.ie.ScriptedChatModel;
import dev.seedling.eval.ie.score.IeMetric;
import dev.seedling.eval.ie.score.Prf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.seedling.eval.ie.IeFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

class IeEvaluationTest {
    @TempDir
    Path out;

    private static ScriptedChatModel fixtureModel() {
        ScriptedChatModel m = new ScriptedChatModel("scripted");
        IeFixture.gold().forEach(s -> m.on(key(s.text()), AlignXieFixtureTest.NER_OUTPUTS.get(s.id())));
        return m;
    }

    private IeReport run(ScriptedChatModel m) {
        return IeEvaluation.fromFiles(IeFixture.resource("fixture/schema.json"), IeFixture.resource("fixture/gold.jsonl"),
                "und", m, IeTask.NER, out, IeEvalOptions.defaults()).run();
    }

    @Test
    void aSecondRunAsksNothingAndReportsTheSameScores() {
        IeReport first = run(fixtureModel());
        ScriptedChatModel again = fixtureModel();

        IeReport second = run(again);

        assertThat(again.calls()).isZero();
        assertThat(second.scores()).isEqualTo(first.scores());
    }

    @Test
    void aPartialLastLineFromACrashIsDroppedAndThatItemAskedAgain() throws IOException {
        run(fixtureModel());
        Path log = out.resolve("predictions.jsonl");
        var lines = Files.readAllLines(log);
        String partial = lines.get(5).substring(0, 20);
        Files.writeString(log, String.join("\n", lines.subList(0, 5)) + "\n" + partial);
        ScriptedChatModel resumed = fixtureModel();

        IeReport r = run(resumed);

        assertThat(resumed.calls()).isEqualTo(1);
        assertThat(r.score(IeMetric.NER_TYPED).overall()).isEqualTo(new Prf(12, 13, 14));
        assertThat(Files.readAllLines(log)).hasSize(6);
    }

    @Test
    void modelFailuresScoreAsEmptyAndAreRetriedNextTime() {
        ScriptedChatModel flaky = new ScriptedChatModel("scripted").on(key("奥巴马访问了北京。"), null);
        IeFixture.gold().stream().filter(s -> !s.id().equals("zh-1"))
                .forEach(s -> flaky.on(key(s.text()), AlignXieFixtureTest.NER_OUTPUTS.get(s.id())));

        IeReport withError = run(flaky);
        ScriptedChatModel healed = fixtureModel();
        IeReport healedReport = run(healed);

        assertThat(withError.modelErrors()).isEqualTo(1);
        assertThat(withError.score(IeMetric.NER_TYPED).overall()).isEqualTo(new Prf(10, 11, 14));
        assertThat(healed.calls()).isEqualTo(1);
        assertThat(healedReport.modelErrors()).isZero();
        assertThat(healedReport.score(IeMetric.NER_TYPED).overall()).isEqualTo(new Prf(12, 13, 14));
    }

    @Test
    void concurrentRequestsGiveTheSameReportAsSequentialOnes(@TempDir Path other) {
        IeReport sequential = run(fixtureModel());
        ScriptedChatModel m = fixtureModel();

        IeReport concurrent = IeEvaluation.fromFiles(IeFixture.resource("fixture/schema.json"),
                IeFixture.resource("fixture/gold.jsonl"), "und", m, IeTask.NER, other,
                IeEvalOptions.defaults().withConcurrency(4)).run();

        assertThat(m.calls()).isEqualTo(6);
        assertThat(concurrent.scores()).isEqualTo(sequential.scores());
        assertThat(concurrent.perLanguage()).isEqualTo(sequential.perLanguage());
    }

    @Test
    void theReportHasMarkdownAndJsonTables() throws IOException {
        run(fixtureModel());

        String md = Files.readString(out.resolve("report.md"));
        assertThat(md).contains("## NER_TYPED").contains("| **overall** | 92.3 | 85.7 | 88.9 | 12 | 13 | 14 |")
                .contains("| Organization | 100.0 | 50.0 | 66.7 | 1 | 1 | 2 |").contains("## By language (F1)");
        String json = Files.readString(out.resolve("report.json"));
        assertThat(json).contains("\"NER_TYPED\"").contains("\"per_language\"").contains("\"tp\" : 12");
    }

    @Test
    void aChangedPromptIsAskedAgainAndItsNewAnswerWins() {
        run(fixtureModel());
        ScriptedChatModel gollie = new ScriptedChatModel("gollie").on("text = ", "result = []");

        IeReport r = IeEvaluation.fromFiles(IeFixture.resource("fixture/schema.json"),
                IeFixture.resource("fixture/gold.jsonl"), "und", gollie, IeTask.NER, out,
                IeEvalOptions.defaults().withStyle(CodeStyle.GOLLIE)).run();

        assertThat(gollie.calls()).isEqualTo(6);
        assertThat(r.score(IeMetric.NER_TYPED).overall()).isEqualTo(new Prf(0, 0, 14));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(CodeStyle.class)
    void anOracleModelScoresOneHundredOnEveryTask(CodeStyle style, @TempDir Path dir) {
        GoldToCode code = new GoldToCode(style);
        for (IeTask task : IeTask.values()) {
            ScriptedChatModel oracle = new ScriptedChatModel("oracle");
            for (AnnotatedSentence s : IeFixture.gold()) {
                String sentenceLine = (style == CodeStyle.GOLLIE ? "text = " : "sentence = ")
                        + PythonLiteral.quote(s.text());
                oracle.on(sentenceLine, code.code(task, s.annotations()));
            }

            IeReport r = new IeEvaluation(IeFixture.schema(), IeFixture.gold(), oracle, task,
                    dir.resolve(task.id()), IeEvalOptions.defaults().withStyle(style)).run();

            for (IeScore score : r.scores()) {
                // GoLLIE relations carry no entity types, so strict RE cannot be satisfied from GoLLIE code.
                boolean unreachable = style == CodeStyle.GOLLIE && score.metric() == IeMetric.RE_STRICT;
                assertThat(score.overall().f1()).as("%s %s %s", style, task, score.metric())
                        .isEqualTo(unreachable ? 0.0 : 1.0);
            }
        }
    }

    @Test
    void parallelRecordsAreScoredOnBothSidesWithABuiltInSchema() throws IOException {
        Path data = out.resolve("parallel.jsonl");
        Files.writeString(data, "{\"id\": \"p1\", \"source\": \"wikineural\", \"src_lang\": \"en\", \"tgt_lang\": \"zh\","
                + " \"src_sentence\": \"Obama visited Beijing.\", \"tgt_sentence\": \"奥巴马访问了北京。\","
                + " \"src_entities\": [{\"name\": \"Obama\", \"type\": \"PER\"}, {\"name\": \"Beijing\", \"type\": \"LOC\"}],"
                + " \"tgt_entities\": [{\"name\": \"奥巴马\", \"type\": \"PER\"}, {\"name\": \"北京\", \"type\": \"LOC\"}]}\n");
        ScriptedChatModel m = new ScriptedChatModel("english-only")
                .on(key("Obama visited Beijing."), "results = [Person(\"Obama\"), Location(\"Beijing\")]")
                .on(key("奥巴马访问了北京。"), "results = [Person(\"Obama\")]");

        IeReport r = IeEvaluation.fromFiles(Path.of("builtin:conll03"), data, "und", m, IeTask.NER,
                out.resolve("run"), IeEvalOptions.defaults()).run();

        assertThat(r.items()).isEqualTo(2);
        assertThat(r.perLanguage().get("en").get(IeMetric.NER_TYPED)).isEqualTo(new Prf(2, 2, 2));
        assertThat(r.perLanguage().get("zh").get(IeMetric.NER_TYPED)).isEqualTo(new Prf(0, 0, 2));
        assertThat(r.filtered().spanNotInSentence()).isEqualTo(1);
    }
}
