package dev.seedling.eval.tkgqa.link;

/**
 * A KG name proposed for a mention.
 *
 * @param name  the entity or relation name as the KG spells it
 * @param score how well it matches, in [0, 1] for string matches and [-1, 1] for cosine
 */
public record Candidate(String name, double score) {
}
