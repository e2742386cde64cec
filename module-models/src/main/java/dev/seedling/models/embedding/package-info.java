/**
 * The LM's input-embedding slot ({@link dev.seedling.models.embedding.InputEmbedding}): the plain token table
 * ({@link dev.seedling.models.embedding.TokenEmbedding}) and the Over-Tokenized Transformer's over-encoding
 * ({@link dev.seedling.models.embedding.OverEncodingEmbedding}, hashed n-gram tables with row-sparse gradients).
 * Output-side components (tied heads, multi-token prediction) live in {@code models.heads}.
 */
package dev.seedling.models.embedding;
