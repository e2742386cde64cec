package dev.seedling.eval.ie.render;

import dev.seedling.eval.ie.IeTask;
import dev.seedling.eval.ie.schema.ClassDef;
import dev.seedling.eval.ie.schema.ClassKind;
import dev.seedling.eval.ie.schema.SchemaRegistry;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders schema classes as Python source in one {@link CodeStyle}. The output is deterministic: imports, then the base
 * classes the rendered classes need, then the classes in schema declaration order with parents first, separated by
 * two blank lines, {@code \n} line ends, one final newline. Immutable and thread-safe.
 */
public final class CodeSchemaRenderer {
    private static final String INDENT = "    ";

    private final CodeStyle style;

    /** A renderer for one style. */
    public CodeSchemaRenderer(CodeStyle style) {
        this.style = style;
    }

    /** The style this renderer writes. */
    public CodeStyle style() {
        return style;
    }

    /**
     * The class definitions a task's prompt shows: entity classes for NER; relation classes and their head and tail
     * entity classes for RE; event classes for ED and EAE. Ancestors are always included.
     */
    public String render(SchemaRegistry schema, IeTask task) {
        ClassKind kind = switch (task) {
            case NER -> ClassKind.ENTITY;
            case RE -> ClassKind.RELATION;
            case ED, EAE -> ClassKind.EVENT;
        };
        return render(schema, schema.classes(kind));
    }

    /** The given classes with their ancestors and relation argument classes (see {@link SchemaRegistry#closure}). */
    public String render(SchemaRegistry schema, Collection<ClassDef> classes) {
        List<ClassDef> all = schema.closure(classes);
        Set<ClassKind> kinds = EnumSet.noneOf(ClassKind.class);
        all.forEach(c -> kinds.add(c.kind()));
        if (kinds.contains(ClassKind.RELATION) || kinds.contains(ClassKind.EVENT)) {
            kinds.add(ClassKind.ENTITY); // relation and event arguments are typed as Entity
        }
        StringBuilder sb = new StringBuilder();
        if (style == CodeStyle.GOLLIE) {
            sb.append("from dataclasses import dataclass\n");
        }
        sb.append("from typing import List, Union\n");
        for (ClassKind k : kinds) {
            sb.append("\n\n").append(style == CodeStyle.KNOWCODER ? knowCoderBase(k) : gollieBase(k));
        }
        for (ClassDef c : all) {
            sb.append("\n\n").append(style == CodeStyle.KNOWCODER ? knowCoderClass(schema, c) : gollieClass(schema, c));
        }
        return sb.toString();
    }

    private static String knowCoderBase(ClassKind k) {
        return switch (k) {
            case ENTITY -> "class Entity:\n" + docLines("The base class for all entities.")
                    + INDENT + "def __init__(self, name: str):\n" + INDENT + INDENT + "self.name = name\n";
            case RELATION -> "class Relation:\n" + docLines("The base class for all relations.")
                    + INDENT + "def __init__(self, head_entity: Entity, tail_entity: Entity):\n"
                    + INDENT + INDENT + "self.head_entity = head_entity\n"
                    + INDENT + INDENT + "self.tail_entity = tail_entity\n";
            case EVENT -> "class Event:\n" + docLines("The base class for all events.")
                    + INDENT + "def __init__(self, trigger: str):\n" + INDENT + INDENT + "self.trigger = trigger\n";
        };
    }

    private static String knowCoderClass(SchemaRegistry schema, ClassDef c) {
        StringBuilder body = new StringBuilder();
        if (!c.description().isEmpty()) {
            body.append("Description: ").append(c.description());
        }
        if (!c.examples().isEmpty()) {
            body.append(body.isEmpty() ? "" : "\n").append("Examples: ").append(examples(c));
        }
        StringBuilder sb = new StringBuilder("class ").append(c.name()).append('(').append(c.renderedParent())
                .append("):\n").append(docLines(body.toString()));
        if (c.kind() == ClassKind.RELATION && (!c.headTypes().isEmpty() || !c.tailTypes().isEmpty())) {
            sb.append(INDENT).append("def __init__(self, head_entity: ").append(typeHint(c.headTypes()))
                    .append(", tail_entity: ").append(typeHint(c.tailTypes())).append("):\n")
                    .append(INDENT).append(INDENT)
                    .append("super().__init__(head_entity=head_entity, tail_entity=tail_entity)\n");
        } else if (c.kind() == ClassKind.EVENT && !schema.roles(c).isEmpty()) {
            List<String> roles = schema.roles(c);
            sb.append(INDENT).append("def __init__(self, trigger: str")
                    .append(roles.stream().map(r -> ", " + r + ": List[Entity] = []").collect(Collectors.joining()))
                    .append("):\n").append(INDENT).append(INDENT).append("super().__init__(trigger=trigger)\n");
            for (String r : roles) {
                sb.append(INDENT).append(INDENT).append("self.").append(r).append(" = ").append(r).append('\n');
            }
        } else {
            sb.append(INDENT).append("pass\n");
        }
        return sb.toString();
    }

    private static String gollieBase(ClassKind k) {
        return switch (k) {
            case ENTITY -> "@dataclass\nclass Entity:\n" + INDENT + "\"\"\"The base class for all entities.\"\"\"\n\n"
                    + INDENT + "span: str\n";
            case RELATION -> "@dataclass\nclass Relation:\n" + INDENT
                    + "\"\"\"The base class for all relations.\"\"\"\n\n"
                    + INDENT + "arg1: str\n" + INDENT + "arg2: str\n";
            case EVENT -> "@dataclass\nclass Event:\n" + INDENT + "\"\"\"The base class for all events.\"\"\"\n\n"
                    + INDENT + "mention: str\n";
        };
    }

    private static String gollieClass(SchemaRegistry schema, ClassDef c) {
        String guideline = c.description().isEmpty() ? c.name() : c.description();
        StringBuilder sb = new StringBuilder("@dataclass\nclass ").append(c.name()).append('(')
                .append(c.renderedParent()).append("):\n").append(INDENT).append("\"\"\"")
                .append(PythonLiteral.inlineDocstringBody(guideline).replace("\n", "\n" + INDENT)).append("\"\"\"\n\n");
        String such = c.examples().isEmpty() ? "" : "  # Such as: " + examples(c);
        switch (c.kind()) {
            case ENTITY -> sb.append(INDENT).append("span: str").append(such).append('\n');
            case RELATION -> sb.append(INDENT).append("arg1: str  # The head entity").append(typeNote(c.headTypes()))
                    .append('\n').append(INDENT).append("arg2: str  # The tail entity")
                    .append(typeNote(c.tailTypes())).append('\n');
            case EVENT -> {
                sb.append(INDENT).append("mention: str  # The text span that triggers the event")
                        .append(c.examples().isEmpty() ? "" : ". Such as: " + examples(c)).append('\n');
                for (String r : schema.roles(c)) {
                    sb.append(INDENT).append(r).append(": List[str]  # The ").append(r).append(" of the event\n");
                }
            }
        }
        return sb.toString();
    }

    private static String docLines(String body) {
        StringBuilder sb = new StringBuilder(INDENT).append("\"\"\"\n");
        if (!body.isEmpty()) {
            for (String line : PythonLiteral.docstringBody(body).split("\n", -1)) {
                sb.append(INDENT).append(line).append('\n');
            }
        }
        return sb.append(INDENT).append("\"\"\"\n").toString();
    }

    private static String examples(ClassDef c) {
        return c.examples().stream().map(PythonLiteral::quote).collect(Collectors.joining(", "));
    }

    private static String typeHint(List<String> types) {
        if (types.isEmpty()) {
            return "Entity";
        }
        return types.size() == 1 ? types.get(0) : "Union[" + String.join(", ", types) + "]";
    }

    private static String typeNote(List<String> types) {
        return types.isEmpty() ? "" : ": " + String.join(" or ", types);
    }
}
