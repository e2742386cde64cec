package dev.seedling.eval.ie.data;

import dev.seedling.eval.ie.AnnotatedSentence;
import dev.seedling.eval.ie.Annotations;
import dev.seedling.eval.ie.EntityMention;
import dev.seedling.eval.ie.ScriptedChatModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ParallelDataBuilderTest {
    static final AnnotatedSentence SRC = new AnnotatedSentence("w1", "en", "Obama visited Beijing.",
            Annotations.ofEntities(List.of(new EntityMention("PER", "Obama"), new EntityMention("LOC", "Beijing"))));

    @Test
    void aFaithfulTranslationNeedsOneCall() {
        ScriptedChatModel mini = new ScriptedChatModel("mini").on("Translate the sentence", "```json\n{\"translation\":"
                + " \"奥巴马访问了北京。\", \"entities\": [{\"name\": \"奥巴马\"}, {\"name\": \"北京\"}]}\n```");

        ParallelOutcome o = new ParallelDataBuilder(mini, null).build(SRC, "zh", "wikineural");

        assertThat(o).isInstanceOf(ParallelOutcome.Built.class);
        ParallelRecord r = ((ParallelOutcome.Built) o).record();
        assertThat(r.tgtEntities()).containsExactly(new EntityMention("PER", "奥巴马"), new EntityMention("LOC", "北京"));
        assertThat(mini.calls()).isEqualTo(1);
    }

    @Test
    void aSpanThatIsNotInTheTranslationIsRewritten() {
        ScriptedChatModel mini = new ScriptedChatModel("mini")
                .on("Translate the sentence", "{\"translation\": \"奥巴马访问了北京。\", \"entities\": [\"欧巴马\", \"北京\"]}")
                .on("was translated as \"欧巴马\"", "{\"name\": \"奥巴马\"}");

        ParallelOutcome.Built b = (ParallelOutcome.Built) new ParallelDataBuilder(mini, null).build(SRC, "zh", "w");

        assertThat(b.record().tgtEntities().get(0).span()).isEqualTo("奥巴马");
        assertThat(b.steps()).containsExactly("mini:translate", "mini:rewrite-spans");
    }

    @Test
    void theSentenceIsRewrittenWhenASpanRewriteFails() {
        ScriptedChatModel mini = new ScriptedChatModel("mini")
                .on("Translate the sentence", "{\"translation\": \"他访问了北京。\", \"entities\": [\"奥巴马\", \"北京\"]}")
                .on("was translated as", "I cannot tell.")
                .on("Rewrite this translation", "{\"translation\": \"奥巴马访问了北京。\"}");

        ParallelOutcome o = new ParallelDataBuilder(mini, null).build(SRC, "zh", "w");

        assertThat(o).isInstanceOfSatisfying(ParallelOutcome.Built.class, b -> {
            assertThat(b.record().tgtSentence()).isEqualTo("奥巴马访问了北京。");
            assertThat(b.steps()).containsExactly("mini:translate", "mini:rewrite-spans", "mini:rewrite-sentence");
        });
    }

    @Test
    void theStrongModelIsTriedAndThenAHumanIsAsked() {
        ScriptedChatModel mini = new ScriptedChatModel("mini").on("Translate the sentence", "not json");
        ScriptedChatModel strong = new ScriptedChatModel("strong")
                .on("Translate the sentence", "{\"translation\": \"他去了。\", \"entities\": [\"奥巴马\", \"北京\"]}")
                .on("was translated as", "{\"name\": \"不在\"}")
                .on("Rewrite this translation", "{\"translation\": \"仍然不对。\"}");

        ParallelOutcome o = new ParallelDataBuilder(mini, strong).build(SRC, "zh", "w");

        assertThat(o).isInstanceOf(ParallelOutcome.NeedsHuman.class);
        ParallelOutcome.NeedsHuman h = (ParallelOutcome.NeedsHuman) o;
        assertThat(h.reasons()).hasSize(2);
        assertThat(h.reasons().get(0)).startsWith("mini:");
        assertThat(h.lastAttempt().aligned()).isFalse();
    }

    @Test
    void aFailingWeakModelFallsBackToTheStrongOne() {
        ScriptedChatModel mini = new ScriptedChatModel("mini").on("Translate the sentence", null);
        ScriptedChatModel strong = new ScriptedChatModel("strong").on("Translate the sentence",
                "{\"translation\": \"奥巴马访问了北京。\", \"entities\": [\"奥巴马\", \"北京\"]}");

        ParallelOutcome o = new ParallelDataBuilder(mini, strong).build(SRC, "zh", "w");

        assertThat(o).isInstanceOfSatisfying(ParallelOutcome.Built.class, b -> assertThat(b.usedStrong()).isTrue());
    }
}
