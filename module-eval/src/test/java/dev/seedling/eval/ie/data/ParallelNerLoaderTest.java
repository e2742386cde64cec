package dev.seedling.eval.ie.data;

import dev.seedling.eval.ie.EntityMention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParallelNerLoaderTest {
    static final ParallelRecord ALIGNED = new ParallelRecord("w1", "wikineural", "en", "zh", "Obama visited Beijing.",
            "奥巴马访问了北京。", List.of(new EntityMention("PER", "Obama"), new EntityMention("LOC", "Beijing")),
            List.of(new EntityMention("PER", "奥巴马"), new EntityMention("LOC", "北京")));

    @Test
    void writeThenLoadGivesTheRecordsBack(@TempDir Path dir) {
        Path f = dir.resolve("p.jsonl");
        ParallelRecord unaligned = new ParallelRecord("w2", "wikineural", "en", "zh", "Obama spoke.", "他讲话了。",
                List.of(new EntityMention("PER", "Obama")), List.of(new EntityMention("PER", "奥巴马")));

        ParallelNerLoader.write(List.of(ALIGNED, unaligned), f);

        assertThat(ParallelNerLoader.load(f, false)).containsExactly(ALIGNED, unaligned);
        assertThatThrownBy(() -> ParallelNerLoader.load(f, true)).isInstanceOf(IeDataException.class)
                .hasMessageContaining("p.jsonl:2").hasMessageContaining("'奥巴马' is not a substring");
    }

    @Test
    void sidesBecomeNerItems() {
        assertThat(ALIGNED.targetSide().id()).isEqualTo("w1/tgt");
        assertThat(ALIGNED.targetSide().annotations().entities()).isEqualTo(ALIGNED.tgtEntities());
        assertThat(ALIGNED.sourceSide().lang()).isEqualTo("en");
    }
}
