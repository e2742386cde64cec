package dev.seedling.eval.tkgqa.metric;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HitsAtKTest {
    private static Outcome multi(String qtype, String answerType, String timeLevel, List<String> pred, String gold) {
        return new Outcome("q", "MULTITQ", qtype, "Single", answerType, timeLevel, timeLevel != null, pred, List.of(gold));
    }

    @Test
    void hitsAtOneOnlyLooksAtTheTopAnswer() {
        HitsAtK h = new HitsAtK(AnswerMatching.EXACT);
        assertThat(h.hit(List.of("Japan", "China"), List.of("China"), 1)).isFalse();
        assertThat(h.hit(List.of("Japan", "China"), List.of("China"), 10)).isTrue();
    }

    @Test
    void dayPredictionMissesMonthGoldExactlyButHitsItGranularityAware() {
        assertThat(AnswerMatching.EXACT.matches("2015-12-13", "2015-12")).isFalse();
        assertThat(AnswerMatching.GRANULARITY_AWARE.matches("2015-12-13", "2015-12")).isTrue();
        assertThat(AnswerMatching.GRANULARITY_AWARE.matches("2015", "2015-12")).isFalse();
        assertThat(AnswerMatching.GRANULARITY_AWARE.matches("2015-11-30", "2015-12")).isFalse();
    }

    @Test
    void reportBreaksDownByTypeAndTimeLevelOnlyForTypesThatStateATime() {
        List<Outcome> outcomes = List.of(
                multi("equal", "entity", "month", List.of("A"), "A"),
                multi("equal", "entity", "day", List.of("B", "A"), "A"),
                multi("first_last", "time", "year", List.of("2010"), "2010"));
        HitsReport r = new HitsAtK(AnswerMatching.EXACT).report(outcomes);
        assertThat(r.overall().count()).isEqualTo(3);
        assertThat(r.overall().hits1()).isEqualTo(2.0 / 3);
        assertThat(r.overall().hits10()).isEqualTo(1.0);
        assertThat(r.breakdowns().get("qtype").get("equal").hits1()).isEqualTo(0.5);
        assertThat(r.breakdowns().get("time_level")).containsOnlyKeys("month", "day");
        assertThat(r.breakdowns().get("answer_type").get("time").count()).isEqualTo(1);
    }

    @Test
    void cronQuestionsBreakDownBySimpleComplexAndType() {
        Outcome o = new Outcome("c", "CRON", "before_after", "complex", "entity", null, false, List.of("Q1"), List.of("Q1"));
        HitsReport r = new HitsAtK(AnswerMatching.EXACT).report(List.of(o));
        assertThat(r.breakdowns()).containsOnlyKeys("type", "complexity", "answer_type");
        assertThat(r.breakdowns().get("complexity").get("complex").hits1()).isEqualTo(1.0);
    }
}
