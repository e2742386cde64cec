package dev.seedling.eval.tkgqa;

import dev.seedling.data.tkg.TemporalKg;
import dev.seedling.data.tkg.TkgQuestion;
import dev.seedling.eval.chat.ChatMessage;
import dev.seedling.eval.tkgqa.draft.DemoPool;
import dev.seedling.eval.tkgqa.metric.AnswerMatching;
import dev.seedling.eval.tkgqa.metric.HitsAtK;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SelfImprovementLoopTest {
    private final TemporalKg kg = SpecFixture.multiTq();
    private final TkgQuestion good = TkgqaPipelineTest.question("1", "Who visited China in Nov 2009?", "equal",
            "Barack_Obama");
    private final TkgQuestion wrong = TkgqaPipelineTest.question("2", "Who visited Japan in Nov 2009?", "equal",
            "Angela_Merkel");
    private final TkgQuestion later = TkgqaPipelineTest.question("3", "Who visited India in Nov 2010?", "equal",
            "Barack_Obama");

    @Test
    void verifiedProgramsJoinThePoolAndOnlyFailuresAreRetried() {
        ScriptedChatModel model = new ScriptedChatModel()
                .reply(good.question(), "Find<i>China\nRelate<i>Make_a_visit<i>backward<d>0\n"
                        + "FilterByTimePoint<i>2009-11<d>1\nWhat<d>2")
                .reply(wrong.question(), "Find<i>Japan\nRelate<i>Make_a_visit<i>backward<d>0\nWhat<d>1")
                .reply(later.question(), "nonsense");
        DemoPool pool = new DemoPool();
        SelfImprovementLoop loop = new SelfImprovementLoop(
                new TkgqaPipeline(PipelineConfig.multiTq(), pool).answerer(kg, model), pool,
                new HitsAtK(AnswerMatching.EXACT), 3, 1);
        List<RoundStatistics> stats = loop.run(List.of(good, wrong, later));
        // round 1 verifies one program; round 2 retries the two failures, verifies none and the loop stops (C = 1)
        assertThat(stats).hasSize(2);
        assertThat(stats.get(0).attempted()).isEqualTo(3);
        assertThat(stats.get(0).verified()).isEqualTo(1);
        assertThat(stats.get(0).wrongAnswer()).isEqualTo(1);
        assertThat(stats.get(0).failedParse()).isEqualTo(1);
        assertThat(stats.get(1).attempted()).isEqualTo(2);
        assertThat(stats.get(1).verified()).isZero();
        assertThat(pool.demos("equal")).singleElement().satisfies(d -> {
            assertThat(d.question()).isEqualTo(good.question());
            assertThat(d.handWritten()).isFalse();
        });
        // in round 2 the verified program is shown as a demo
        List<ChatMessage> roundTwo = model.requests().get(3).messages();
        assertThat(roundTwo).extracting(ChatMessage::text).contains("Question: " + good.question());
    }
}
