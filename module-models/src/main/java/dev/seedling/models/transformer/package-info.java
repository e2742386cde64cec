/**
 * The decoder-only Transformer language model assembled from a JSON {@link dev.seedling.models.transformer.TransformerConfig}
 * whose block has pluggable slots (residual scheme, norm layout, FFN kind) and whose ends have two more: the input
 * embedding ({@code models.embedding}) and the output heads ({@code models.heads}), configured by the nested
 * {@link dev.seedling.models.transformer.OverEncodingConfig} and {@link dev.seedling.models.transformer.MultiTokenConfig}.
 */
package dev.seedling.models.transformer;
