package dev.seedling.eval.ie.data;

import dev.seedling.eval.ie.AnnotatedSentence;
import dev.seedling.eval.ie.EntityMention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConllBioLoaderTest {
    @TempDir
    Path dir;

    @Test
    void readsBioIob1AndBioesSpansJoinedBySpaces() throws IOException {
        Path f = dir.resolve("en.conll");
        Files.writeString(f, "-DOCSTART- -X- O O\n\nBarack NNP B-PER\nObama NNP I-PER\nvisited VBD O\n"
                + "New NNP I-LOC\nYork NNP I-LOC\n. . O\n\nA S-ORG\nB B-ORG\nC E-ORG\nD B-PER\nE B-PER\n");

        List<AnnotatedSentence> s = ConllBioLoader.load(f, "en");

        assertThat(s).hasSize(2);
        assertThat(s.get(0).text()).isEqualTo("Barack Obama visited New York .");
        assertThat(s.get(0).annotations().entities()).containsExactly(new EntityMention("PER", "Barack Obama"),
                new EntityMention("LOC", "New York"));
        assertThat(s.get(1).annotations().entities()).containsExactly(new EntityMention("ORG", "A"),
                new EntityMention("ORG", "B C"), new EntityMention("PER", "D"), new EntityMention("PER", "E"));
    }

    @Test
    void chineseCharactersJoinWithoutSpaces() throws IOException {
        Path f = dir.resolve("zh.bio");
        Files.writeString(f, "奥 B-PER\n巴 I-PER\n马 I-PER\n访 O\n问 O\n北 B-LOC\n京 I-LOC\n");

        AnnotatedSentence s = ConllBioLoader.load(f, "zh").get(0);

        assertThat(s.text()).isEqualTo("奥巴马访问北京");
        assertThat(s.annotations().entities()).containsExactly(new EntityMention("PER", "奥巴马"),
                new EntityMention("LOC", "北京"));
    }

    @Test
    void aBadTagNamesFileAndLine() throws IOException {
        Path f = dir.resolve("bad.conll");
        Files.writeString(f, "a O\n\nb O\nc X-PER\n");

        assertThatThrownBy(() -> ConllBioLoader.load(f, "en")).isInstanceOf(IeDataException.class)
                .hasMessageContaining("bad.conll:4: tag 'X-PER'");
    }
}
