/**
 * The LM's output-heads slot beyond the next-token head: multi-token prediction, the Over-Tokenized Transformer's
 * over-decoding approximation (parallel future-token heads, {@link dev.seedling.models.heads.ParallelTokenHeads}, and
 * DeepSeek-V3's sequential module, {@link dev.seedling.models.heads.SequentialMtp}). They only add training losses;
 * generation uses the next-token head alone.
 */
package dev.seedling.models.heads;
