/**
 * Normalisation layers ({@link dev.seedling.models.norm.RmsNorm}, {@link dev.seedling.models.norm.LayerNorm}, usable
 * per head) and Scale-Distribution Decoupling's {@link dev.seedling.models.norm.SddLinear}. Where the norms sit in a
 * block is decided by {@code models.transformer.NormLayout} and the sites of {@code models.residual}.
 */
package dev.seedling.models.norm;
