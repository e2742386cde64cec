package dev.seedling.eval.tkgqa.link;

/** A similarity of two strings in [0, 1], 1 for equal strings. Implementations are stateless and thread-safe. */
@FunctionalInterface
public interface StringMatcher {
    /** How alike {@code a} and {@code b} are. */
    double similarity(String a, String b);
}
