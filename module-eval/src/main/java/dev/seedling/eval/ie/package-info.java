/**
 * AlignXIE (KnowCoder-X, arXiv 2411.04794 v1): cross-lingual information extraction as code generation.
 *
 * <p>This package holds the values every stage shares: the {@link dev.seedling.eval.ie.IeTask tasks}, the typed
 * mentions ({@link dev.seedling.eval.ie.EntityMention}, {@link dev.seedling.eval.ie.RelationMention},
 * {@link dev.seedling.eval.ie.EventMention}) and an {@link dev.seedling.eval.ie.AnnotatedSentence annotated sentence}.
 * Sub-packages by capability: {@code schema} (classes and multilingual labels), {@code render} (Python class code,
 * prompts, gold as code), {@code parse} (model output to mentions, never executed), {@code score} (micro P/R/F1),
 * {@code data} (loaders and the parallel-data pipeline) and {@code run} (the resumable evaluation pipeline).
 * Scoring is string-based, not offset-based: a mention is a type and a span copied verbatim from the sentence.
 */
package dev.seedling.eval.ie;
