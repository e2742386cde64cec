package dev.seedling.eval.ie.score;

import dev.seedling.eval.ie.Annotations;
import dev.seedling.eval.ie.EntityMention;
import dev.seedling.eval.ie.EventMention;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IeScorerTest {
    private static Annotations entities(String... typeSpan) {
        List<EntityMention> out = new java.util.ArrayList<>();
        for (int i = 0; i < typeSpan.length; i += 2) {
            out.add(new EntityMention(typeSpan[i], typeSpan[i + 1]));
        }
        return Annotations.ofEntities(out);
    }

    @Test
    void emptyDenominatorsGiveZeroNotNaN() {
        Prf none = new IeScorer().score(IeMetric.NER_TYPED, List.of(new IeScorer.Pair(Annotations.EMPTY,
                Annotations.EMPTY))).overall();

        assertThat(none).isEqualTo(Prf.ZERO);
        assertThat(none.precision()).isZero();
        assertThat(none.recall()).isZero();
        assertThat(none.f1()).isZero();
    }

    @Test
    void matchingIsPerSentenceNotAcrossTheCorpus() {
        // "Paris" is gold in sentence 1 and predicted in sentence 2: no match.
        List<IeScorer.Pair> corpus = List.of(
                new IeScorer.Pair(entities("Location", "Paris"), Annotations.EMPTY),
                new IeScorer.Pair(Annotations.EMPTY, entities("Location", "Paris")));

        assertThat(new IeScorer().score(IeMetric.NER_TYPED, corpus).overall()).isEqualTo(new Prf(0, 1, 1));
    }

    @Test
    void aGoldRepeatCanBeMatchedTwiceUnderMultiset() {
        // "New York ... New York": two gold mentions, two predictions -> both match.
        IeScorer.Pair p = new IeScorer.Pair(entities("Location", "New York", "Location", "New York"),
                entities("Location", "New York", "Location", "New York", "Location", "New York"));

        assertThat(new IeScorer().score(IeMetric.NER_TYPED, List.of(p)).overall()).isEqualTo(new Prf(2, 3, 2));
        assertThat(new IeScorer(SpanMatcher.exact(), DuplicatePolicy.SET).score(IeMetric.NER_TYPED, List.of(p))
                .overall()).isEqualTo(new Prf(1, 1, 1));
        assertThat(new IeScorer(SpanMatcher.exact(), DuplicatePolicy.KNOWCODER).score(IeMetric.NER_TYPED, List.of(p))
                .overall()).isEqualTo(new Prf(3, 3, 2));
    }

    @Test
    void normalisedMatcherTrimsAndFoldsCase() {
        IeScorer.Pair p = new IeScorer.Pair(entities("Person", "Obama"), entities("Person", " OBAMA "));

        assertThat(new IeScorer().score(IeMetric.NER_TYPED, List.of(p)).overall().truePositives()).isZero();
        assertThat(new IeScorer(SpanMatcher.normalised(true, true), DuplicatePolicy.MULTISET)
                .score(IeMetric.NER_TYPED, List.of(p)).overall().truePositives()).isEqualTo(1);
    }

    @Test
    void eventDetectionSeparatesTriggerFromType() {
        IeScorer.Pair p = new IeScorer.Pair(
                Annotations.ofEvents(List.of(EventMention.detected("Education", "school"),
                        EventMention.detected("Attack", "shot"))),
                Annotations.ofEvents(List.of(EventMention.detected("Transport", "school"),
                        EventMention.detected("Attack", "shot"))));

        assertThat(new IeScorer().score(IeMetric.ED_TRIGGER, List.of(p)).overall()).isEqualTo(new Prf(2, 2, 2));
        IeScore typed = new IeScorer().score(IeMetric.ED_TYPED, List.of(p));
        assertThat(typed.overall()).isEqualTo(new Prf(1, 2, 2));
        assertThat(typed.perType()).containsEntry("Attack", new Prf(1, 1, 1))
                .containsEntry("Education", new Prf(0, 0, 1)).containsEntry("Transport", new Prf(0, 1, 0));
    }

    @Test
    void anArgumentUnderTheWrongTriggerCountsOnlyWhenTheEventIsIgnored() {
        Annotations gold = Annotations.ofEvents(List.of(new EventMention("Attack", "shot",
                List.of(new dev.seedling.eval.ie.EventArgument("target", "him")))));
        Annotations pred = Annotations.ofEvents(List.of(new EventMention("Attack", "fired",
                List.of(new dev.seedling.eval.ie.EventArgument("target", "him")))));
        List<IeScorer.Pair> corpus = List.of(new IeScorer.Pair(gold, pred));

        assertThat(new IeScorer().score(IeMetric.EAE_ROLE, corpus).overall()).isEqualTo(new Prf(1, 1, 1));
        assertThat(new IeScorer().score(IeMetric.EAE_ROLE_IN_EVENT, corpus).overall()).isEqualTo(new Prf(0, 1, 1));
    }

    @Test
    void percentRoundsToOneDecimal() {
        assertThat(Prf.percent(2.0 / 3)).isEqualTo("66.7");
        assertThat(Prf.percent(0)).isEqualTo("0.0");
        assertThat(Prf.percent(1)).isEqualTo("100.0");
    }
}
