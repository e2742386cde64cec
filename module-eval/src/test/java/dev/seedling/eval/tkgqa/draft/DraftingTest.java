package dev.seedling.eval.tkgqa.draft;

import dev.seedling.data.tkg.TkgFormatException;
import dev.seedling.data.tkg.TkgQuestion;
import dev.seedling.eval.chat.ChatMessage;
import dev.seedling.eval.chat.ChatRequest;
import dev.seedling.eval.tkgqa.program.ProgramParseException;
import dev.seedling.eval.tkgqa.program.ProgramParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DraftingTest {
    private static final ProgramParser PARSER = new ProgramParser();

    private static TkgQuestion q(String text) {
        return new TkgQuestion("0", TkgQuestion.Dataset.MULTITQ, text, List.of("x"), "entity", "equal", "Single", null,
                List.of(), List.of(), List.of(), Map.of());
    }

    @Test
    void keywordClassifierGuessesTheMultiTqCategories() {
        CategoryClassifier k = CategoryClassifier.KEYWORDS;
        assertThat(k.category(q("Who first visited China after Obama?"))).isEqualTo("after_first");
        assertThat(k.category(q("Who last criticized Japan before India signed with Japan?"))).isEqualTo("before_last");
        assertThat(k.category(q("When did Merkel first visit China?"))).isEqualTo("first_last");
        assertThat(k.category(q("Which country did Obama visit before 2010?"))).isEqualTo("before_after");
        assertThat(k.category(q("Who criticized China in the same month as China criticized Japan?")))
                .isEqualTo("equal_multi");
        assertThat(k.category(q("Who visited China in Nov 2009?"))).isEqualTo("equal");
    }

    @Test
    void promptShowsTheMostSimilarDemosOfTheCategoryThenTheQuestion() {
        DemoPool pool = new DemoPool();
        pool.add(new Demo("Who visited China in 2009?", "equal", PARSER.parse("Find<i>China"), true));
        pool.add(new Demo("Who signed an agreement with Japan?", "equal", PARSER.parse("Find<i>Japan"), true));
        pool.add(new Demo("When did Obama first visit Japan?", "first_last", PARSER.parse("Find<i>Japan"), true));
        ChatRequest r = new DraftPromptBuilder(pool, 1, 256).build("Who visited India in 2010?", "equal");
        assertThat(r.messages()).extracting(ChatMessage::role).containsExactly(ChatMessage.Role.SYSTEM,
                ChatMessage.Role.USER, ChatMessage.Role.ASSISTANT, ChatMessage.Role.USER);
        assertThat(r.messages().get(1).text()).isEqualTo("Question: Who visited China in 2009?");
        assertThat(r.messages().get(2).text()).isEqualTo("Find<i>China");
        assertThat(r.messages().get(0).text()).contains("FilterFirstEvent", "QueryEventQualifier");
    }

    @Test
    void extractorFindsTheProgramInsideProseOrFences() {
        DraftExtractor x = new DraftExtractor();
        assertThat(x.extract("Sure! Here it is:\nFind<i>China\nWhat<d>0\nHope this helps.").size()).isEqualTo(2);
        assertThat(x.extract("```json\n[{\"function\":\"Find\",\"inputs\":[\"China\"]}]\n```").size()).isEqualTo(1);
        assertThatThrownBy(() -> x.extract("I cannot answer that.")).isInstanceOf(ProgramParseException.class)
                .hasMessageContaining("no program");
    }

    @Test
    void demoFileErrorsNameFileAndLine(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("demos.jsonl"),
                "{\"question\":\"q\",\"category\":\"equal\",\"program\":\"Find<i>China\"}\n"
                        + "{\"question\":\"q\",\"category\":\"equal\",\"program\":\"Find<i>China\\nWhat<d>x\"}\n");
        assertThatThrownBy(() -> DemoPool.load(f)).isInstanceOf(TkgFormatException.class)
                .hasMessageStartingWith(f + ":2:");
        Files.writeString(f, "{\"question\":\"q\",\"category\":\"equal\",\"program\":\"Find<i>China\"}\n");
        assertThat(DemoPool.load(f).demos("equal")).singleElement().satisfies(d -> assertThat(d.handWritten()).isTrue());
    }
}
