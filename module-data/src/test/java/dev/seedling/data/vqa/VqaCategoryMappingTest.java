package dev.seedling.data.vqa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VqaCategoryMappingTest {
    @Test
    void codesEnglishNamesAndSpellingVariantsResolve() {
        VqaCategoryMapping m = VqaCategoryMapping.defaults();

        assertThat(m.task("QPR")).isEqualTo(VqaTask.QPR);
        assertThat(m.task("quantity and position relationship")).isEqualTo(VqaTask.QPR);
        assertThat(m.topic("Film, TV & Media")).isEqualTo(VqaTopic.FTM);
        assertThat(m.topic("中华文化")).isEqualTo(VqaTopic.CHC);
        assertThat(m.task("made-up")).isNull();
        assertThat(m.task(null)).isNull();
    }

    @Test
    void everyLabelOfEveryCodeResolvesToThatCode() {
        VqaCategoryMapping m = VqaCategoryMapping.defaults();

        assertThat(VqaTask.QPR.labels()).containsExactly("QPR", "Quantity & Position Relationship", "数量与位置关系",
                "数量位置关系");
        assertThat(VqaTopic.CS.code()).isEqualTo("CS");
        for (VqaTask t : VqaTask.values()) {
            t.labels().forEach(label -> assertThat(m.task(label)).as(label).isEqualTo(t));
        }
        for (VqaTopic t : VqaTopic.values()) {
            t.labels().forEach(label -> assertThat(m.topic(label)).as(label).isEqualTo(t));
        }
    }

    @Test
    void everyCodeIsNineOfEachAndDistinct() {
        assertThat(VqaTask.values()).hasSize(9);
        assertThat(VqaTopic.values()).hasSize(9);
    }

    @Test
    void overridesFromJsonAddFineGrainedLabels(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("map.json");
        Files.writeString(json, "{\"task\":{\"人物识别\":\"pe\"},\"topic\":{\"体育\":\"LES\"}}");

        VqaCategoryMapping m = VqaCategoryMapping.defaults().withOverrides(json);

        assertThat(m.task("人物识别")).isEqualTo(VqaTask.PE);
        assertThat(m.topic("体育")).isEqualTo(VqaTopic.LES);
        assertThat(m.task("LS")).isEqualTo(VqaTask.LS);
    }

    @Test
    void unknownCodeInOverridesNamesFileAndLabel(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("map.json");
        Files.writeString(json, "{\"task\":{\"人物识别\":\"XX\"}}");

        assertThatThrownBy(() -> VqaCategoryMapping.defaults().withOverrides(json))
                .hasMessageContaining("map.json").hasMessageContaining("人物识别").hasMessageContaining("'XX'");
    }
}
