package dev.seedling.eval.ie;

import java.util.List;

/**
 * The mentions of one sentence, gold or predicted. Lists keep their order and their duplicates, because the
 * duplicate policy of scoring decides what a repeat means.
 */
public record Annotations(List<EntityMention> entities, List<RelationMention> relations, List<EventMention> events) {
    /** No mentions at all. */
    public static final Annotations EMPTY = new Annotations(List.of(), List.of(), List.of());

    public Annotations {
        entities = List.copyOf(entities);
        relations = List.copyOf(relations);
        events = List.copyOf(events);
    }

    /** Only entities. */
    public static Annotations ofEntities(List<EntityMention> entities) {
        return new Annotations(entities, List.of(), List.of());
    }

    /** Only relations. */
    public static Annotations ofRelations(List<RelationMention> relations) {
        return new Annotations(List.of(), relations, List.of());
    }

    /** Only events. */
    public static Annotations ofEvents(List<EventMention> events) {
        return new Annotations(List.of(), List.of(), events);
    }
}
