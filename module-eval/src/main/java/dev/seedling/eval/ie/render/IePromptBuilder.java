package dev.seedling.eval.ie.render;

import dev.seedling.eval.ie.Annotations;
import dev.seedling.eval.ie.EventMention;
import dev.seedling.eval.ie.IeTask;
import dev.seedling.eval.ie.schema.SchemaRegistry;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the prompts of the four tasks and of translated instance prediction (AlignXIE stage 1) for one schema and
 * style. KnowCoder prompts are the class definitions, a docstring instruction and {@code sentence = "..."}; GoLLIE
 * prompts are commented sections ending in {@code result =}. The model is expected to answer with a
 * {@code results = [...]} (or {@code result = [...]}) statement. Class code is rendered once per task and reused.
 * Immutable and thread-safe.
 */
public final class IePromptBuilder {
    private final CodeStyle style;
    private final Map<IeTask, String> definitions = new EnumMap<>(IeTask.class);
    private final GoldToCode goldToCode;

    /** Prompts for {@code schema} in {@code style}. */
    public IePromptBuilder(SchemaRegistry schema, CodeStyle style) {
        this.style = style;
        CodeSchemaRenderer renderer = new CodeSchemaRenderer(style);
        for (IeTask t : IeTask.values()) {
            definitions.put(t, renderer.render(schema, t));
        }
        this.goldToCode = new GoldToCode(style);
    }

    /** The named-entity prompt. */
    public String ner(String sentence) {
        return prompt(IeTask.NER, sentence, List.of());
    }

    /** The relation-extraction prompt. */
    public String re(String sentence) {
        return prompt(IeTask.RE, sentence, List.of());
    }

    /** The event-detection prompt. */
    public String ed(String sentence) {
        return prompt(IeTask.ED, sentence, List.of());
    }

    /**
     * The event-argument prompt: the event classes, plus the confirmed triggers, e.g.
     * {@code "student" is the trigger of event type "Education".}
     */
    public String eae(String sentence, List<EventMention> triggers) {
        return prompt(IeTask.EAE, sentence, triggers);
    }

    /**
     * The prompt of any task. {@code triggers} (type and trigger of each event) are shown for EAE only and ignored for
     * other tasks, so passing gold events never leaks ED answers into the prompt.
     */
    public String prompt(IeTask task, String sentence, List<EventMention> triggers) {
        return header(task, task == IeTask.EAE ? triggers : List.of()) + sentenceLine(sentence) + footer();
    }

    /**
     * Translated instance prediction: the source sentence with its gold code, then the translation, whose code is the
     * completion ({@link GoldToCode#code} of the target mentions). The instruction wording is ours; the paper's was
     * not retrieved.
     */
    public String translatedInstance(IeTask task, String sourceSentence, Annotations sourceGold,
                                     String targetSentence) {
        String note = style == CodeStyle.KNOWCODER
                ? "\"\"\"\nThe sentence below translates the sentence above. Please instantiate the corresponding "
                        + "objects in it, copying every span verbatim from it.\n\"\"\"\n"
                : "# The text below translates the text above; the same instances, with spans copied from it\n";
        return header(task, List.of()) + sentenceLine(sourceSentence) + goldToCode.code(task, sourceGold) + "\n"
                + note + sentenceLine(targetSentence) + footer();
    }

    private String header(IeTask task, List<EventMention> triggers) {
        String defs = definitions.get(task);
        if (style == CodeStyle.GOLLIE) {
            StringBuilder sb = new StringBuilder("# The following lines describe the task definition\n").append(defs)
                    .append('\n');
            for (EventMention t : triggers) {
                sb.append("# ").append(PythonLiteral.quote(t.trigger())).append(" is the trigger of event type ")
                        .append(PythonLiteral.quote(t.type())).append('\n');
            }
            return sb.append("\n# This is the text to analyze\n").toString();
        }
        String classes = switch (task) {
            case NER -> "some Entity Classes are defined above. Please instantiate all the corresponding Entity"
                    + " Objects";
            case RE -> "some Relation Classes and related Entity Classes are defined above. Please instantiate all the"
                    + " corresponding Relation Objects";
            case ED, EAE -> "some Event Classes are defined above. Please instantiate all the corresponding Event"
                    + " Objects";
        };
        StringBuilder sb = new StringBuilder(defs).append("\"\"\"\nThis is an object-oriented programming task: ")
                .append(classes).append(" in the following sentence.");
        for (EventMention t : triggers) {
            sb.append(" It is known that ").append(PythonLiteral.docstringBody(PythonLiteral.quote(t.trigger())))
                    .append(" is the trigger of event type ")
                    .append(PythonLiteral.docstringBody(PythonLiteral.quote(t.type()))).append('.');
        }
        return sb.append("\n\"\"\"\n").toString();
    }

    private String sentenceLine(String sentence) {
        return (style == CodeStyle.GOLLIE ? "text = " : "sentence = ") + PythonLiteral.quote(sentence) + "\n";
    }

    private String footer() {
        return style == CodeStyle.GOLLIE
                ? "\n# The annotation instances that take place in the text above are listed here\nresult =" : "";
    }
}
