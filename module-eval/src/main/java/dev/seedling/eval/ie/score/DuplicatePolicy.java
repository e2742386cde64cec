package dev.seedling.eval.ie.score;

/** How repeated tuples count, per sentence. */
public enum DuplicatePolicy {
    /**
     * GoLLIE's scorer (the default): each prediction may match one gold tuple, and a matched gold tuple is used up,
     * so a repeated prediction counts once as a TP and then as an FP.
     */
    MULTISET,
    /** Set semantics: exact repeats are removed from both sides before matching. */
    SET,
    /**
     * KnowCoder's {@code metric.py}: its de-duplicated lists are overwritten, so every prediction (repeats included)
     * counts in #pred, and a prediction is a TP whenever some gold tuple matches it, used up or not; TP can then
     * exceed #gold.
     */
    KNOWCODER
}
