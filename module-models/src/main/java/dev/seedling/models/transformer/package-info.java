/**
 * The decoder-only Transformer language model assembled from a JSON {@link dev.seedling.models.transformer.TransformerConfig}
 * whose block has pluggable slots (residual scheme, norm layout, FFN kind; embedding, heads and memory layers follow).
 */
package dev.seedling.models.transformer;
