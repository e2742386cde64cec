package dev.seedling.eval.ie;

import java.util.List;
import java.util.Objects;

/**
 * A typed event: its trigger span and its role-labelled arguments.
 *
 * @param type      the event class name
 * @param trigger   the trigger span
 * @param arguments the arguments in the order written; a role may occur several times
 */
public record EventMention(String type, String trigger, List<EventArgument> arguments) {
    public EventMention {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(trigger, "trigger");
        arguments = List.copyOf(arguments);
    }

    /** An event with no arguments, as event detection predicts it. */
    public static EventMention detected(String type, String trigger) {
        return new EventMention(type, trigger, List.of());
    }
}
