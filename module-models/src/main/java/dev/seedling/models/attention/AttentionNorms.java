package dev.seedling.models.attention;

import dev.seedling.models.norm.NormLayer;

/**
 * The optional norms inside {@link CausalSelfAttention}; any may be null. Per-head norms work over head_dim with one
 * weight shared by all heads and run after the projections, before RoPE and the KV cache.
 *
 * @param query   per-head norm of q (QK-norm, HybridNorm's QKV-norm, SDD)
 * @param key     per-head norm of k
 * @param value   per-head norm of v (HybridNorm's QKV-norm)
 * @param context norm over d of the concatenated heads before {@code o_proj} (SDD's context norm)
 */
public record AttentionNorms(NormLayer query, NormLayer key, NormLayer value, NormLayer context) {
    /** No norms: the plain attention. */
    public static final AttentionNorms NONE = new AttentionNorms(null, null, null, null);
}
