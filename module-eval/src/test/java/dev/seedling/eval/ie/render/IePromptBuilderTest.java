package dev.seedling.eval.ie.render;

import dev.seedling.eval.ie.Annotations;
import dev.seedling.eval.ie.EntityMention;
import dev.seedling.eval.ie.EventMention;
import dev.seedling.eval.ie.IeFixture;
import dev.seedling.eval.ie.IeTask;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static dev.seedling.eval.ie.render.CodeSchemaRendererTest.assertMatchesFile;
import static org.assertj.core.api.Assertions.assertThat;

class IePromptBuilderTest {
    private final IePromptBuilder knowCoder = new IePromptBuilder(IeFixture.schema(), CodeStyle.KNOWCODER);
    private final IePromptBuilder gollie = new IePromptBuilder(IeFixture.schema(), CodeStyle.GOLLIE);

    @Test
    void knowCoderNerPromptIsClassesInstructionAndSentence() throws IOException {
        assertMatchesFile(knowCoder.ner("奥巴马访问了\"北京\"。"), "prompt-knowcoder-ner.txt");
    }

    @Test
    void gollieRePromptEndsWithTheResultAssignment() throws IOException {
        String p = gollie.re("Microsoft is located in Redmond.");

        assertThat(p).startsWith("# The following lines describe the task definition\n")
                .contains("text = \"Microsoft is located in Redmond.\"\n")
                .endsWith("result =");
        assertMatchesFile(p, "prompt-gollie-re.txt");
    }

    @Test
    void promptsNameTheClassesOfTheirTask() {
        assertThat(knowCoder.re("s")).contains("some Relation Classes and related Entity Classes are defined above")
                .contains("class LocatedIn(Relation)").contains("class Organization(Entity)")
                .doesNotContain("class City(Location)");
        assertThat(knowCoder.ed("s")).contains("some Event Classes are defined above")
                .contains("class Marriage(Event)").doesNotContain("class Person(Entity)");
    }

    @Test
    void eaePromptListsTheConfirmedTriggers() {
        String p = knowCoder.eae("He met his wife.", List.of(EventMention.detected("Marriage", "wife")));

        assertThat(p).contains("It is known that \"wife\" is the trigger of event type \"Marriage\".");
    }

    @Test
    void goldEventsPassedToAnEventDetectionPromptAreNotShown() {
        List<EventMention> gold = List.of(EventMention.detected("Marriage", "wife"));

        assertThat(knowCoder.prompt(IeTask.ED, "He met his wife.", gold)).isEqualTo(knowCoder.ed("He met his wife."))
                .doesNotContain("is the trigger");
        assertThat(gollie.prompt(IeTask.ED, "He met his wife.", gold)).doesNotContain("is the trigger");
        assertThat(gollie.prompt(IeTask.EAE, "He met his wife.", gold))
                .contains("# \"wife\" is the trigger of event type \"Marriage\"");
    }

    @Test
    void translatedInstancePromptShowsSourceCodeAndAsksForTheTarget() throws IOException {
        String p = knowCoder.translatedInstance(IeTask.NER, "Obama visited Beijing.",
                Annotations.ofEntities(List.of(new EntityMention("Person", "Obama"),
                        new EntityMention("Location", "Beijing"))), "奥巴马访问了北京。");

        assertThat(p).contains("sentence = \"Obama visited Beijing.\"\nresults = [\n\tPerson(\"Obama\"),\n\t"
                + "Location(\"Beijing\")\n]\n").endsWith("sentence = \"奥巴马访问了北京。\"\n");
        assertMatchesFile(p, "prompt-knowcoder-translated-ner.txt");
    }
}
