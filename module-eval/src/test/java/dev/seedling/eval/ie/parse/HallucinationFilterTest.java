package dev.seedling.eval.ie.parse;

import dev.seedling.eval.ie.Annotations;
import dev.seedling.eval.ie.EntityMention;
import dev.seedling.eval.ie.IeFixture;
import dev.seedling.eval.ie.RelationMention;
import dev.seedling.eval.ie.schema.SchemaRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HallucinationFilterTest {
    private final SchemaRegistry schema = IeFixture.schema();

    @Test
    void repeatsAreCappedAtTheSpansOccurrences() {
        String sentence = "Paris loves Paris, not Lyon.";
        Annotations pred = Annotations.ofEntities(List.of(new EntityMention("Location", "Paris"),
                new EntityMention("Location", "Paris"), new EntityMention("Location", "Paris"),
                new EntityMention("Location", "Lyon"), new EntityMention("Person", "Lyon")));

        FilterResult r = new HallucinationFilter(schema).filter(sentence, pred);

        assertThat(r.kept().entities()).containsExactly(new EntityMention("Location", "Paris"),
                new EntityMention("Location", "Paris"), new EntityMention("Location", "Lyon"),
                new EntityMention("Person", "Lyon"));
        assertThat(r.removed()).isEqualTo(new FilterCounts(0, 0, 0, 1));
    }

    @Test
    void typesAreCanonicalisedAndUnknownOrWrongKindTypesDropped() {
        Annotations pred = Annotations.ofEntities(List.of(new EntityMention("人物", "张三"),
                new EntityMention("LocatedIn", "张三"), new EntityMention("Politician", "张三")));

        FilterResult r = new HallucinationFilter(schema).filter("张三", pred);

        assertThat(r.kept().entities()).containsExactly(new EntityMention("Person", "张三"));
        assertThat(r.removed().typeNotInSchema()).isEqualTo(2);
    }

    @Test
    void emptyOrAbsentSpansAreHallucinationsAndCaseFoldingIsOptional() {
        Annotations pred = Annotations.ofEntities(List.of(new EntityMention("Person", ""),
                new EntityMention("Person", "obama")));

        assertThat(new HallucinationFilter(schema).filter("Obama spoke.", pred).kept().entities()).isEmpty();
        assertThat(new HallucinationFilter(schema, false).filter("Obama spoke.", pred).kept().entities())
                .containsExactly(new EntityMention("Person", "obama"));
    }

    @Test
    void relationArgumentsKeepAGenericTypeButNeedTheirSpansInTheSentence() {
        Annotations pred = Annotations.ofRelations(List.of(
                new RelationMention("位于", new EntityMention("Entity", "阿里巴巴"), new EntityMention("地点", "杭州")),
                new RelationMention("LocatedIn", new EntityMention("Entity", "阿里巴巴"),
                        new EntityMention("Entity", "上海"))));

        FilterResult r = new HallucinationFilter(schema).filter("阿里巴巴位于杭州。", pred);

        assertThat(r.kept().relations()).containsExactly(new RelationMention("LocatedIn",
                new EntityMention("Entity", "阿里巴巴"), new EntityMention("Location", "杭州")));
        assertThat(r.removed().spanNotInSentence()).isEqualTo(1);
    }
}
