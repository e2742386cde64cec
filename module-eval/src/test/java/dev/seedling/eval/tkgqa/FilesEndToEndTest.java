package dev.seedling.eval.tkgqa;

import dev.seedling.data.tkg.CronKgLoader;
import dev.seedling.data.tkg.TemporalKg;
import dev.seedling.data.tkg.TkgQuestion;
import dev.seedling.data.tkg.TkgQuestionLoader;
import dev.seedling.eval.tkgqa.draft.DemoPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** From CronQuestions-format files on disk to metrics.json, with Wikidata ids and text maps as in the real data. */
class FilesEndToEndTest {
    @Test
    void cronFilesLoadAnswerAndScore(@TempDir Path dir) throws IOException {
        Path kgFile = Files.writeString(dir.resolve("full.txt"), "Q9545\tP39\tQ14211\t1997\t2007\n"
                + "Q10648\tP39\tQ14211\t2007\t2010\n");
        Path entities = Files.writeString(dir.resolve("wd_id2entity_text.txt"), "Q9545\tTony Blair\n"
                + "Q10648\tGordon Brown\nQ14211\tPrime Minister of the United Kingdom\n");
        Path relations = Files.writeString(dir.resolve("wd_id2relation_text.txt"), "P39\tposition held\n");
        Path questions = Files.writeString(dir.resolve("test.json"), """
                [{"uniq_id": 1, "question": "who held the position of Q14211 in 2008", "answers": ["Q10648"],
                  "answer_type": "entity", "type": "simple_entity", "entities": ["Q14211"], "times": [2008],
                  "relations": ["P39"], "annotation": {"tail": "Q14211", "time": "2008"}},
                 {"uniq_id": 2, "question": "when did Q9545 become Q14211", "answers": [1997],
                  "answer_type": "time", "type": "simple_time", "entities": ["Q9545", "Q14211"],
                  "relations": ["P39"], "annotation": {"head": "Q9545", "tail": "Q14211"}}]
                """);
        TemporalKg kg = CronKgLoader.load(kgFile);
        List<TkgQuestion> qs = TkgQuestionLoader.loadCron(questions);
        ScriptedChatModel model = new ScriptedChatModel()
                .reply(qs.get(0).question(), "Find<i>Prime Minister of the United Kingdom\n"
                        + "Relate<i>position held<i>backward<d>0\nFilterByDuration<i>2008<d>1\nWhat<d>2")
                .reply(qs.get(1).question(), "Find<i>Tony Blair\nRelate<i>position held<d>0\n"
                        + "FilterEntity<i>Q14211<d>1\nQueryRelationQualifier<i>start time<d>2");
        PipelineConfig config = PipelineConfig.cron().withTexts(CronKgLoader.loadTextMap(relations),
                CronKgLoader.loadTextMap(entities));
        PipelineSummary s = new TkgqaPipeline(config, DemoPool.seeds(TkgQuestion.Dataset.CRON))
                .run(kg, qs, model, dir.resolve("out"));
        assertThat(s.failed()).isZero();
        assertThat(s.report().overall().hits1()).isEqualTo(1.0);
        assertThat(s.report().breakdowns().get("type")).containsOnlyKeys("simple_entity", "simple_time");
        assertThat(Files.readString(s.results())).contains("\"predictions\":[\"Q10648\"]", "\"predictions\":[\"1997\"]");
        // the prompt carried the Cron seed demos of the question's category
        assertThat(model.requests().get(0).messages().get(1).text()).contains("PM_UK");
    }
}
