package dev.seedling.data.tkg;

import java.util.Objects;

/**
 * One temporal fact: {@code subject} stood in {@code relation} to {@code object} at or during {@code time}.
 *
 * @param subject  the head entity's name as the KG spells it
 * @param relation the relation's name
 * @param object   the tail entity's name
 * @param time     when the fact held
 */
public record Quad(String subject, String relation, String object, TimeValue time) {
    public Quad {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(time, "time");
    }
}
