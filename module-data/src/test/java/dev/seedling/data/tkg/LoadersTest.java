package dev.seedling.data.tkg;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadersTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void multiTqLoaderReadsQuadruples() throws IOException {
        Path f = write("full.txt", "Barack_Obama\tMake_a_visit\tJapan\t2009-11-13\n\nJapan\tCriticize\tChina\t2010-09-21\n");
        TemporalKg kg = MultiTqKgLoader.load(f);
        assertThat(kg.size()).isEqualTo(2);
        assertThat(kg.quad(1)).isEqualTo(new Quad("Japan", "Criticize", "China", TimeValue.day(2010, 9, 21)));
    }

    @Test
    void multiTqLoaderNamesFileAndLineOfABadTime() throws IOException {
        Path f = write("full.txt", "A\tr\tB\t2009-11-13\nA\tr\tB\t2009-02-30\n");
        assertThatThrownBy(() -> MultiTqKgLoader.load(f)).isInstanceOf(TkgFormatException.class)
                .hasMessageStartingWith(f + ":2:").hasMessageContaining("2009-02-30")
                .satisfies(e -> assertThat(((TkgFormatException) e).line()).isEqualTo(2));
    }

    @Test
    void multiTqLoaderNamesFileAndLineOfAShortLine() throws IOException {
        Path f = write("full.txt", "A\tr\tB\t2009-11-13\n\nA\tr\tB\n");
        assertThatThrownBy(() -> MultiTqKgLoader.load(f)).hasMessageStartingWith(f + ":3:")
                .hasMessageContaining("found 3");
    }

    @Test
    void idMapRejectsNonIntegerIdsWithLine() throws IOException {
        Path f = write("ent_id", "Japan\t0\nChina\tx\n");
        assertThatThrownBy(() -> MultiTqKgLoader.loadIdMap(f)).hasMessageStartingWith(f + ":2:")
                .hasMessageContaining("'x'");
        assertThat(MultiTqKgLoader.loadIdMap(write("rel_id", "Criticize\t3\n"))).containsEntry("Criticize", 3);
    }

    @Test
    void cronLoaderReadsYearIntervalsWithOpenEnds() throws IOException {
        Path f = write("full.txt", "Q1\tP39\tQ9\t1997\t2007\nQ2\tP39\tQ9\t2007\t\n");
        TemporalKg kg = CronKgLoader.load(f);
        assertThat(kg.time(0)).isEqualTo(TimeValue.parse("1997/2007"));
        assertThat(kg.time(1).openEnd()).isTrue();
    }

    @Test
    void cronLoaderNamesFileAndLineOfAReversedInterval() throws IOException {
        Path f = write("full.txt", "Q1\tP39\tQ9\t1997\t2007\nQ2\tP39\tQ9\t2010\t2007\n");
        assertThatThrownBy(() -> CronKgLoader.load(f)).hasMessageStartingWith(f + ":2:")
                .hasMessageContaining("before start year");
    }

    @Test
    void cronTextMapNamesTheRepeatedId() throws IOException {
        Path f = write("wd_id2entity_text.txt", "Q1\tTony Blair\nQ1\tGordon Brown\n");
        assertThatThrownBy(() -> CronKgLoader.loadTextMap(f)).hasMessageStartingWith(f + ":2:")
                .hasMessageContaining("Q1");
    }

    @Test
    void multiTqQuestionsLoadFromAJsonArray() throws IOException {
        Path f = write("test.json", """
                [
                  {"quid": 7, "question": "Who visited China in Nov 2009?", "answers": ["Barack_Obama"],
                   "answer_type": "entity", "qtype": "equal", "qlabel": "Single", "time_level": "month",
                   "entities": ["China"], "time": ["2009-11"]}
                ]
                """);
        List<TkgQuestion> qs = TkgQuestionLoader.loadMultiTq(f);
        assertThat(qs).singleElement().satisfies(q -> {
            assertThat(q.id()).isEqualTo("7");
            assertThat(q.answers()).containsExactly("Barack_Obama");
            assertThat(q.timeLevel()).isEqualTo("month");
            assertThat(q.times()).containsExactly("2009-11");
        });
    }

    @Test
    void questionLoaderNamesTheLineOfTheObjectMissingAField() throws IOException {
        Path f = write("test.json", """
                [
                  {"question": "a", "answers": ["x"], "answer_type": "entity", "qtype": "equal", "qlabel": "Single"},
                  {"question": "b", "answers": ["x"], "qtype": "equal", "qlabel": "Single"}
                ]
                """);
        assertThatThrownBy(() -> TkgQuestionLoader.loadMultiTq(f)).isInstanceOf(TkgFormatException.class)
                .hasMessageStartingWith(f + ":3:").hasMessageContaining("answer_type");
    }

    @Test
    void cronQuestionsLoadFromJsonLinesWithYearAnswersAsText() throws IOException {
        Path f = write("test.jsonl", """
                {"uniq_id": 11, "question": "Q1 received Q2 in what year", "answers": [2004], "answer_type": "time", "type": "simple_time", "annotation": {"head": "Q1", "tail": "Q2"}, "relations": ["P166"]}
                {"uniq_id": 12, "question": "who was Q3 before Q4", "answers": ["Q5"], "answer_type": "entity", "type": "before_after"}
                """);
        List<TkgQuestion> qs = TkgQuestionLoader.loadCron(f);
        assertThat(qs).extracting(TkgQuestion::qlabel).containsExactly("simple", "complex");
        assertThat(qs.get(0).answers()).containsExactly("2004");
        assertThat(qs.get(0).annotation()).containsEntry("head", "Q1");
        assertThat(qs.get(0).relations()).containsExactly("P166");
    }

    @Test
    void malformedJsonNamesItsLine() throws IOException {
        Path f = write("test.json", "[\n {\"question\": \"a\",\n  \"answers\": [\"x\"\n}\n]");
        assertThatThrownBy(() -> TkgQuestionLoader.loadMultiTq(f)).isInstanceOf(TkgFormatException.class)
                .hasMessageStartingWith(f + ":4:");
    }
}
