package dev.seedling.eval.ie.schema;

import java.util.Locale;

/** What a schema class describes; each kind has its base class in the rendered code. */
public enum ClassKind {
    /** A typed span: {@code Person("Obama")}. */
    ENTITY("Entity"),
    /** A typed pair of entities: {@code LocatedIn(Person("x"), Location("y"))}. */
    RELATION("Relation"),
    /** A typed trigger with role-labelled arguments: {@code Marriage(trigger="wife", spouse=[...])}. */
    EVENT("Event");

    private final String baseClass;

    ClassKind(String baseClass) {
        this.baseClass = baseClass;
    }

    /** The Python base class every class of this kind derives from ({@code Entity}, {@code Relation}, {@code Event}). */
    public String baseClass() {
        return baseClass;
    }

    /**
     * Parses {@code entity}, {@code relation} or {@code event}, case-insensitively.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static ClassKind parse(String s) {
        for (ClassKind k : values()) {
            if (k.name().equalsIgnoreCase(s.strip())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown class kind '" + s + "'; expected entity, relation or event");
    }

    /** The lower-case name used in schema files. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
