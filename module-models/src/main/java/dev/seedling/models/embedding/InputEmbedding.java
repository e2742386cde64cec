package dev.seedling.models.embedding;

import dev.seedling.models.Module;
import dev.seedling.tensor.Tensor;

/**
 * The input-embedding slot of the language model: token ids {@code [B, T]} to vectors {@code [B, T, d]}. An
 * implementation may read the tokens before each position (over-encoding's n-grams); for KV-cached decoding the
 * caller passes the {@link #contextTokens()} tokens that preceded the chunk, so prefill and decode give identical
 * vectors. The implementation's 1-gram table, {@code weight [vocab, d]}, is the only table a tied output head may use.
 */
public abstract class InputEmbedding extends Module {

    /**
     * Embeds {@code ids [B, T]} (I64 or I32).
     *
     * @param previous the tokens just before {@code ids} in the same sequences, {@code [B, c]} with
     *                 {@code c ≤ contextTokens()}, or {@code null} when {@code ids} starts the sequences
     * @throws IndexOutOfBoundsException if an id is outside the vocabulary
     */
    public abstract Tensor forward(Tensor ids, Tensor previous);

    /** How many preceding tokens {@link #forward} reads (0: each position depends on its own token only). */
    public int contextTokens() {
        return 0;
    }

    /** The token (1-gram) table {@code [vocab, d]}, for an output head tied to the input embedding. */
    public abstract Tensor tokenTable();
}
