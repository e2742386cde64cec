package dev.seedling.eval.ie;

import java.util.Objects;

/**
 * A typed entity span, copied verbatim from its sentence.
 *
 * @param type the class name: canonical once resolved against a schema, else as written (for a relation argument
 *             written as {@code Entity("x")} it is the base class name {@code Entity})
 * @param span the text of the mention; never null, may be empty only if the model wrote an empty string
 */
public record EntityMention(String type, String span) {
    public EntityMention {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(span, "span");
    }
}
