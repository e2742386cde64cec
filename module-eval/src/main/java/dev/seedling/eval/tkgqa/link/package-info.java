/**
 * Linking a drafted program to the KG: entity mentions by normalised fuzzy string match
 * ({@link dev.seedling.eval.tkgqa.link.EntityLinker}), relations by embedding similarity of the program's skeleton
 * against the relations the KG attaches to the linked entity ({@link dev.seedling.eval.tkgqa.link.RelationLinker}),
 * with a pluggable {@link dev.seedling.eval.tkgqa.link.Embedder} whose default, character n-gram TF-IDF, needs no
 * model. Everything here is deterministic.
 */
package dev.seedling.eval.tkgqa.link;
