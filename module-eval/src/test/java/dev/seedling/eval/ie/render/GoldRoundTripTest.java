package dev.seedling.eval.ie.render;

import dev.seedling.eval.ie.AnnotatedSentence;
import dev.seedling.eval.ie.Annotations;
import dev.seedling.eval.ie.EntityMention;
import dev.seedling.eval.ie.EventMention;
import dev.seedling.eval.ie.IeFixture;
import dev.seedling.eval.ie.IeTask;
import dev.seedling.eval.ie.RelationMention;
import dev.seedling.eval.ie.parse.Extraction;
import dev.seedling.eval.ie.parse.HallucinationFilter;
import dev.seedling.eval.ie.parse.OutputReader;
import dev.seedling.eval.ie.parse.ParseResult;
import dev.seedling.eval.ie.schema.SchemaRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Gold → code → parse → gold gives the gold back (canonical types), for every task, style and fixture sentence. */
class GoldRoundTripTest {
    private final SchemaRegistry schema = IeFixture.schema();
    private final OutputReader reader = new OutputReader(new HallucinationFilter(schema), true);

    @ParameterizedTest
    @EnumSource(CodeStyle.class)
    void everyTaskRoundTripsOnTheFixture(CodeStyle style) {
        GoldToCode code = new GoldToCode(style);
        for (AnnotatedSentence s : IeFixture.gold()) {
            Annotations gold = schema.canonicalise(s.annotations());
            for (IeTask task : IeTask.values()) {
                Extraction x = reader.read(task, s.text(), code.code(task, gold));
                assertThat(x.parse().status()).isEqualTo(ParseResult.Status.COMPLETE);
                assertThat(x.removed().total()).isZero();
                assertThat(x.mentions()).as("%s %s %s", style, task, s.id()).isEqualTo(expected(task, style, gold));
            }
        }
    }

    @Test
    void spansWithQuotesBackslashesAndLineBreaksRoundTrip() {
        Random rnd = new Random(11);
        String chars = "aZ 人\"'\\\n\t#[](),=";
        GoldToCode code = new GoldToCode(CodeStyle.KNOWCODER);
        for (int i = 0; i < 500; i++) {
            List<EntityMention> entities = new ArrayList<>();
            StringBuilder sentence = new StringBuilder();
            for (int e = 0; e < 3; e++) {
                StringBuilder span = new StringBuilder();
                for (int c = 1 + rnd.nextInt(6); c > 0; c--) {
                    span.append(chars.charAt(rnd.nextInt(chars.length())));
                }
                entities.add(new EntityMention("Person", span.toString()));
                sentence.append(span).append(" | ");
            }
            Annotations gold = Annotations.ofEntities(entities);
            // Repeats beyond a span's occurrences would be filtered, so compare unfiltered here.
            OutputReader raw = new OutputReader(new HallucinationFilter(schema), false);

            assertThat(raw.read(IeTask.NER, sentence.toString(), code.code(IeTask.NER, gold)).mentions())
                    .isEqualTo(gold);
        }
    }

    /** What survives the code: GoLLIE relations carry no entity types, ED carries no arguments. */
    private static Annotations expected(IeTask task, CodeStyle style, Annotations gold) {
        return switch (task) {
            case NER -> Annotations.ofEntities(gold.entities());
            case RE -> Annotations.ofRelations(style == CodeStyle.KNOWCODER ? gold.relations()
                    : gold.relations().stream().map(r -> new RelationMention(r.type(),
                    new EntityMention("Entity", r.head().span()), new EntityMention("Entity", r.tail().span())))
                    .toList());
            case ED -> Annotations.ofEvents(gold.events().stream()
                    .map(e -> EventMention.detected(e.type(), e.trigger())).toList());
            case EAE -> Annotations.ofEvents(gold.events());
        };
    }
}
