/** Causal multi-head attention with grouped-query heads, rotary position embeddings and a KV cache. */
package dev.seedling.models.attention;
