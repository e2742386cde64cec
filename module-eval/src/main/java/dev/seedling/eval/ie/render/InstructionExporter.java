package dev.seedling.eval.ie.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seedling.eval.ie.AnnotatedSentence;
import dev.seedling.eval.ie.Annotations;
import dev.seedling.eval.ie.IeTask;
import dev.seedling.eval.ie.data.ParallelRecord;
import dev.seedling.eval.ie.schema.SchemaRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Gold data as instruction-tuning examples: the task prompt and the gold code (KnowCoder's SFT data and AlignXIE
 * stage 2), and translated instance prediction over sentence pairs (AlignXIE stage 1). Written as JSON Lines with
 * the fields {@code id, task, style, prompt, completion}. Types in completions are canonical class names. Immutable and thread-safe.
 */
public final class InstructionExporter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IePromptBuilder prompts;
    private final GoldToCode code;
    private final CodeStyle style;
    private final SchemaRegistry schema;

    /** An exporter for one schema and style. */
    public InstructionExporter(SchemaRegistry schema, CodeStyle style) {
        this.prompts = new IePromptBuilder(schema, style);
        this.code = new GoldToCode(style);
        this.style = style;
        this.schema = schema;
    }

    /**
     * One example per sentence: the task prompt (EAE with the gold triggers) and the gold code, types canonical (the
     * class names the prompt defines).
     */
    public List<InstructionExample> fromGold(IeTask task, List<AnnotatedSentence> gold) {
        List<InstructionExample> out = new ArrayList<>();
        for (AnnotatedSentence s : gold) {
            Annotations a = schema.canonicalise(s.annotations());
            out.add(new InstructionExample(s.id(), task.id(), style.name(), prompts.prompt(task, s.text(), a.events()),
                    code.code(task, a)));
        }
        return out;
    }

    /**
     * Translated instance prediction: for each pair (source, target) of the same item, the prompt shows the source
     * sentence with its gold code and the target sentence; the completion is the target's gold code. Ids are
     * {@code <source id>→<target lang>}.
     */
    public InstructionExample translatedInstance(IeTask task, AnnotatedSentence source, AnnotatedSentence target) {
        return new InstructionExample(source.id() + "→" + target.lang(), "translated-" + task.id(), style.name(),
                prompts.translatedInstance(task, source.text(), schema.canonicalise(source.annotations()),
                        target.text()), code.code(task, schema.canonicalise(target.annotations())));
    }

    /**
     * Stage-1 alignment data from parallel NER records: source → target for each record, and target → source too
     * when {@code bothDirections}.
     *
     * @throws dev.seedling.eval.ie.data.IeDataException when a record breaks the substring invariant
     */
    public List<InstructionExample> translatedInstances(List<ParallelRecord> records, boolean bothDirections) {
        List<InstructionExample> out = new ArrayList<>();
        for (ParallelRecord r : records) {
            r.requireAligned();
            out.add(translatedInstance(IeTask.NER, r.sourceSide(), r.targetSide()));
            if (bothDirections) {
                out.add(translatedInstance(IeTask.NER, r.targetSide(), r.sourceSide()));
            }
        }
        return out;
    }

    /** Writes examples as JSON Lines, UTF-8, replacing the file. */
    public static void writeJsonl(List<InstructionExample> examples, Path file) {
        try (Writer w = Files.newBufferedWriter(file)) {
            for (InstructionExample e : examples) {
                w.write(toJsonLine(e));
                w.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** One example as a JSON line, fields in the documented order. */
    public static String toJsonLine(InstructionExample e) {
        ObjectNode o = JSON.createObjectNode().put("id", e.id()).put("task", e.task()).put("style", e.style())
                .put("prompt", e.prompt()).put("completion", e.completion());
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot serialise example " + e.id(), ex);
        }
    }
}
