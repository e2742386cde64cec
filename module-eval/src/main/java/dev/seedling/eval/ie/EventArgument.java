package dev.seedling.eval.ie;

import java.util.Objects;

/**
 * One argument of an event: the role it plays and its span.
 *
 * @param role the role name as declared by the event class ({@code spouse}, {@code place}, ...)
 * @param span the argument text, copied from the sentence
 */
public record EventArgument(String role, String span) {
    public EventArgument {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(span, "span");
    }
}
