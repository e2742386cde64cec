package dev.seedling.eval.tkgqa.program;

/** What a program step produces. */
public enum ValueType {
    /** A set of entities. */
    ENTITIES,
    /** A set of facts, each with a focus entity (the end a {@code Relate} moved to). */
    FACTS,
    /** A set of times. */
    TIMES,
    /** A set of numbers (durations). */
    NUMBERS
}
