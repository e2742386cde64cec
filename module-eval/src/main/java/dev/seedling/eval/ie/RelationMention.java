package dev.seedling.eval.ie;

import java.util.Objects;

/**
 * A typed relation between a head and a tail entity.
 *
 * @param type the relation class name
 * @param head the head entity, with its type (which strict scoring compares)
 * @param tail the tail entity
 */
public record RelationMention(String type, EntityMention head, EntityMention tail) {
    public RelationMention {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(tail, "tail");
    }
}
