package dev.seedling.eval.ie.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seedling.eval.ie.IeFixture;
import dev.seedling.eval.ie.IeTask;
import dev.seedling.eval.ie.EntityMention;
import dev.seedling.eval.ie.data.ParallelRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InstructionExporterTest {
    @Test
    void goldBecomesPromptAndCompletionLines(@TempDir Path dir) throws IOException {
        InstructionExporter x = new InstructionExporter(IeFixture.schema(), CodeStyle.KNOWCODER);
        Path f = dir.resolve("sft.jsonl");

        InstructionExporter.writeJsonl(x.fromGold(IeTask.NER, IeFixture.gold()), f);

        List<String> lines = Files.readAllLines(f);
        assertThat(lines).hasSize(6);
        assertThat(new ObjectMapper().readTree(lines.get(3)).get("completion").asText())
                .as("types written as 人物/地点 in the gold are canonical in the completion")
                .isEqualTo("results = [\n\tPerson(\"奥巴马\"),\n\tLocation(\"北京\")\n]");
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("id").asText()).isEqualTo("en-1");
        assertThat(first.get("task").asText()).isEqualTo("ner");
        assertThat(first.get("prompt").asText()).endsWith("sentence = \"Barack Obama visited Beijing.\"\n");
        assertThat(first.get("completion").asText())
                .isEqualTo("results = [\n\tPerson(\"Barack Obama\"),\n\tLocation(\"Beijing\")\n]");
    }

    @Test
    void translatedInstanceCompletesWithTheTargetCode() {
        ParallelRecord rec = new ParallelRecord("w1", "wikineural", "en", "zh", "Obama visited Beijing.",
                "奥巴马访问了北京。", List.of(new EntityMention("PER", "Obama"), new EntityMention("LOC", "Beijing")),
                List.of(new EntityMention("PER", "奥巴马"), new EntityMention("LOC", "北京")));
        InstructionExample e = new InstructionExporter(IeFixture.schema(), CodeStyle.KNOWCODER)
                .translatedInstance(IeTask.NER, rec.sourceSide(), rec.targetSide());

        assertThat(e.task()).isEqualTo("translated-ner");
        assertThat(e.prompt()).contains("PER(\"Obama\")").endsWith("sentence = \"奥巴马访问了北京。\"\n");
        assertThat(e.completion()).isEqualTo("results = [\n\tPER(\"奥巴马\"),\n\tLOC(\"北京\")\n]");
    }

    @Test
    void parallelRecordsGiveOneExamplePerDirection() {
        ParallelRecord rec = new ParallelRecord("w1", "wikineural", "en", "zh", "Obama spoke.", "奥巴马讲话了。",
                List.of(new EntityMention("PER", "Obama")), List.of(new EntityMention("PER", "奥巴马")));

        List<InstructionExample> both = new InstructionExporter(IeFixture.schema(), CodeStyle.GOLLIE)
                .translatedInstances(List.of(rec), true);

        assertThat(both).extracting(InstructionExample::id).containsExactly("w1/src→zh", "w1/tgt→en");
        assertThat(both.get(1).completion()).isEqualTo("result = [PER(span=\"Obama\")]");
    }
}
