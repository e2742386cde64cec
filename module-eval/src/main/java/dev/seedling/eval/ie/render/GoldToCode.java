package dev.seedling.eval.ie.render;

import dev.seedling.eval.ie.Annotations;
import dev.seedling.eval.ie.EntityMention;
import dev.seedling.eval.ie.EventArgument;
import dev.seedling.eval.ie.EventMention;
import dev.seedling.eval.ie.IeTask;
import dev.seedling.eval.ie.RelationMention;
import dev.seedling.eval.ie.schema.ClassKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes mentions as the code a model should produce: the completion of instruction-tuning data and of translated
 * instance prediction. KnowCoder: {@code results = [\n\tPerson("Obama"),\n\tLocation("Beijing")\n]}, relations with
 * typed positional arguments, events with {@code trigger=} and one list per role. GoLLIE: one line,
 * {@code result = [Person(span="Obama")]}, relations as {@code arg1=}/{@code arg2=} (entity types are not written, so
 * GoLLIE code cannot carry what strict RE scoring compares), events as {@code mention=} and role lists of strings.
 * Arguments of a role are grouped under the role in the order the roles first occur. Immutable and thread-safe.
 */
public final class GoldToCode {
    private final CodeStyle style;

    /** Writes code in one style. */
    public GoldToCode(CodeStyle style) {
        this.style = style;
    }

    /** The {@code results = [...]} statement for the mentions of one task (other mention kinds are ignored). */
    public String code(IeTask task, Annotations a) {
        List<String> items = new ArrayList<>();
        switch (task) {
            case NER -> a.entities().forEach(e -> items.add(entity(e)));
            case RE -> a.relations().forEach(r -> items.add(relation(r)));
            case ED -> a.events().forEach(e -> items.add(trigger(e)));
            case EAE -> a.events().forEach(e -> items.add(event(e)));
        }
        if (style == CodeStyle.GOLLIE) {
            return "result = [" + String.join(", ", items) + "]";
        }
        return items.isEmpty() ? "results = []" : "results = [\n\t" + String.join(",\n\t", items) + "\n]";
    }

    private String entity(EntityMention e) {
        return e.type() + "(" + (style == CodeStyle.GOLLIE ? "span=" : "") + PythonLiteral.quote(e.span()) + ")";
    }

    private String relation(RelationMention r) {
        if (style == CodeStyle.GOLLIE) {
            return r.type() + "(arg1=" + PythonLiteral.quote(r.head().span()) + ", arg2="
                    + PythonLiteral.quote(r.tail().span()) + ")";
        }
        return r.type() + "(" + entity(r.head()) + ", " + entity(r.tail()) + ")";
    }

    private String trigger(EventMention e) {
        return e.type() + "(" + (style == CodeStyle.GOLLIE ? "mention=" : "") + PythonLiteral.quote(e.trigger()) + ")";
    }

    private String event(EventMention e) {
        Map<String, List<String>> byRole = new LinkedHashMap<>();
        for (EventArgument arg : e.arguments()) {
            String v = style == CodeStyle.GOLLIE ? PythonLiteral.quote(arg.span())
                    : entity(new EntityMention(ClassKind.ENTITY.baseClass(), arg.span()));
            byRole.computeIfAbsent(arg.role(), k -> new ArrayList<>()).add(v);
        }
        StringBuilder sb = new StringBuilder(e.type()).append('(')
                .append(style == CodeStyle.GOLLIE ? "mention=" : "trigger=").append(PythonLiteral.quote(e.trigger()));
        byRole.forEach((role, values) -> sb.append(", ").append(role).append("=[")
                .append(String.join(", ", values)).append(']'));
        return sb.append(')').toString();
    }
}
