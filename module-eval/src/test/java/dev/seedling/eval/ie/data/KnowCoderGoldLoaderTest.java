package dev.seedling.eval.ie.data;

import dev.seedling.eval.ie.AnnotatedSentence;
import dev.seedling.eval.ie.EventArgument;
import dev.seedling.eval.ie.IeFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KnowCoderGoldLoaderTest {
    @Test
    void readsEntitiesRelationsAndEventsFromJsonLines() {
        List<AnnotatedSentence> gold = IeFixture.gold();

        assertThat(gold).extracting(AnnotatedSentence::id).containsExactly("en-1", "en-2", "en-3", "zh-1", "zh-2",
                "zh-3");
        AnnotatedSentence zh2 = gold.get(4);
        assertThat(zh2.lang()).isEqualTo("zh");
        assertThat(zh2.annotations().relations().get(0).head().type()).isEqualTo("组织");
        assertThat(gold.get(2).annotations().events().get(0).arguments())
                .contains(new EventArgument("place", "Paris"));
    }

    @Test
    void readsAJsonArrayWithDefaultIds(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("g.json");
        Files.writeString(f, "[{\"sentence\": \"a\"}, {\"text\": \"b\", \"entities\": [{\"name\": \"b\", \"type\": \"X\","
                + " \"pos\": [0, 1]}]}]");

        List<AnnotatedSentence> gold = KnowCoderGoldLoader.load(f, "en");

        assertThat(gold).extracting(AnnotatedSentence::id).containsExactly("0", "1");
        assertThat(gold.get(1).annotations().entities()).hasSize(1);
    }

    @Test
    void aMalformedLineIsNamed(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("g.jsonl");
        Files.writeString(f, "{\"sentence\": \"a\"}\n{\"sentence\": \"b\", \"entities\": [{\"type\": \"X\"}]}\n");

        assertThatThrownBy(() -> KnowCoderGoldLoader.load(f, "en")).isInstanceOf(IeDataException.class)
                .hasMessageContaining("g.jsonl:2 entities: missing string field 'name'");
    }
}
