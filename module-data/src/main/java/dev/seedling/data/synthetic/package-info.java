/**
 * Seeded synthetic corpora for experiments and tests: a context-free-grammar language (the synthetic CFG experiment
 * of the Over-Tokenized Transformer paper, after the cfg3 grammars of "Physics of Language Models") and associative
 * recall (key-value pairs, then a query). Everything is a pure function of the seed.
 */
package dev.seedling.data.synthetic;
