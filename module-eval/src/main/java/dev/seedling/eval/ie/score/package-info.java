/**
 * Micro precision, recall and F1 over a corpus, overall and per type, for the tuples of
 * {@link dev.seedling.eval.ie.score.IeMetric}: NER (span; type + span), RE (pair; boundary; strict), ED (trigger;
 * type + trigger) and EAE (argument; argument + role; argument + role within the event of the same trigger). Matching is string-based through a pluggable
 * {@link dev.seedling.eval.ie.score.SpanMatcher}, one sentence at a time, under a
 * {@link dev.seedling.eval.ie.score.DuplicatePolicy} (multiset by default). Scores are plain values that serialise to
 * JSON; nothing here parses model output or filters hallucinations.
 */
package dev.seedling.eval.ie.score;
