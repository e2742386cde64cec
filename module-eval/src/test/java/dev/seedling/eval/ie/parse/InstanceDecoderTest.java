package dev.seedling.eval.ie.parse;

import dev.seedling.eval.ie.EntityMention;
import dev.seedling.eval.ie.EventArgument;
import dev.seedling.eval.ie.EventMention;
import dev.seedling.eval.ie.IeTask;
import dev.seedling.eval.ie.RelationMention;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceDecoderTest {
    private final PyLiteralParser parser = new PyLiteralParser();
    private final InstanceDecoder decoder = new InstanceDecoder();

    private DecodeResult decode(IeTask task, String output) {
        return decoder.decode(task, parser.parse(output).items());
    }

    @Test
    void entitiesComeFromPositionalOrKeywordSpans() {
        DecodeResult r = decode(IeTask.NER, "results = [Person(\"a\"), Person(name=\"b\"), Person(span=\"c\"), \"d\","
                + " Person()]");

        assertThat(r.annotations().entities()).containsExactly(new EntityMention("Person", "a"),
                new EntityMention("Person", "b"), new EntityMention("Person", "c"));
        assertThat(r.skipped()).containsExactly("element 3 is not a call", "element 4 (Person) has no span");
    }

    @Test
    void relationsAcceptTypedUntypedAndGollieArguments() {
        DecodeResult r = decode(IeTask.RE, "results = [LocatedIn(Person(\"a\"), Location(\"b\")),"
                + " Creator(Entity(\"c\"), Entity(\"d\")), LocatedIn(arg1=\"e\", arg2=\"f\"),"
                + " LocatedIn(tail_entity=Location(\"h\"), head_entity=Person(\"g\")), LocatedIn(Person(\"x\"))]");

        assertThat(r.annotations().relations()).containsExactly(
                new RelationMention("LocatedIn", new EntityMention("Person", "a"), new EntityMention("Location", "b")),
                new RelationMention("Creator", new EntityMention("Entity", "c"), new EntityMention("Entity", "d")),
                new RelationMention("LocatedIn", new EntityMention("Entity", "e"), new EntityMention("Entity", "f")),
                new RelationMention("LocatedIn", new EntityMention("Person", "g"), new EntityMention("Location", "h")));
        assertThat(r.skipped()).hasSize(1);
    }

    @Test
    void eventArgumentsComeFromRoleKeywordsAndEdIgnoresThem() {
        String out = "results = [Marriage(trigger = \"wife\", spouse = [Entity(\"A\"), \"B\"], place=None,"
                + " time=Entity(\"May\"))]";

        assertThat(decode(IeTask.EAE, out).annotations().events()).containsExactly(new EventMention("Marriage",
                "wife", List.of(new EventArgument("spouse", "A"), new EventArgument("spouse", "B"),
                new EventArgument("time", "May"))));
        assertThat(decode(IeTask.ED, out).annotations().events())
                .containsExactly(EventMention.detected("Marriage", "wife"));
        assertThat(decode(IeTask.ED, "results = [Education(\"school\"), Attack(mention=\"shot\")]")
                .annotations().events()).containsExactly(EventMention.detected("Education", "school"),
                EventMention.detected("Attack", "shot"));
    }
}
