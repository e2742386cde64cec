package dev.seedling.eval.ie.schema;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One class of an extraction schema, as KnowCoder renders it: {@code class Human(Person)} with a docstring holding
 * {@code Description:} and {@code Examples:}.
 *
 * @param name        the canonical class name, a Python identifier (English by AlignXIE's convention)
 * @param parent      the parent class name within the schema, or null when the parent is the kind's base class
 * @param kind        entity, relation or event
 * @param description the guideline text, in any language; may be empty
 * @param examples    example spans, rendered in order
 * @param roles       event argument roles (identifiers, not {@code trigger} or {@code mention}); empty for other
 *                    kinds
 * @param headTypes   allowed head entity classes of a relation; empty means any entity, and for other kinds
 * @param tailTypes   allowed tail entity classes of a relation; same convention
 * @param labels      labels in other languages (人物, 사람) that resolve to this class; the name resolves without
 *                    being listed
 */
public record ClassDef(String name, String parent, ClassKind kind, String description, List<String> examples,
                       List<String> roles, List<String> headTypes, List<String> tailTypes, List<String> labels) {
    /** A Python 3 identifier, letters and combining marks of any script included. */
    static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}_][\\p{L}\\p{M}\\p{N}_]*");

    public ClassDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        description = description == null ? "" : description;
        parent = parent == null || parent.equals(kind.baseClass()) ? null : parent;
        examples = List.copyOf(examples);
        roles = List.copyOf(roles);
        headTypes = List.copyOf(headTypes);
        tailTypes = List.copyOf(tailTypes);
        labels = List.copyOf(labels);
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new SchemaException("class name '" + name + "' is not a Python identifier");
        }
        for (String role : roles) {
            if (!IDENTIFIER.matcher(role).matches() || role.equals("trigger") || role.equals("mention")) {
                throw new SchemaException("class " + name + ": role '" + role + "' is not an identifier other than"
                        + " 'trigger' and 'mention' (the trigger's keywords in KnowCoder and GoLLIE code)");
            }
        }
        if (kind != ClassKind.EVENT && !roles.isEmpty()) {
            throw new SchemaException("class " + name + " (kind " + kind.id() + ") declares roles " + roles);
        }
        if (kind != ClassKind.RELATION && (!headTypes.isEmpty() || !tailTypes.isEmpty())) {
            throw new SchemaException("class " + name + " (kind " + kind.id() + ") declares head or tail types");
        }
    }

    /** An entity class with a description and examples, no parent and no other labels. */
    public static ClassDef entity(String name, String description, List<String> examples) {
        return new ClassDef(name, null, ClassKind.ENTITY, description, examples, List.of(), List.of(), List.of(),
                List.of());
    }

    /** The parent to render: the schema parent, or the kind's base class. */
    public String renderedParent() {
        return parent == null ? kind.baseClass() : parent;
    }
}
