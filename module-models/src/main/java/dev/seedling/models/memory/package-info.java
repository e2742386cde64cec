/**
 * Large sparse memory layers for the Transformer LM: the product-key memory baseline (Lample et al. 2019) and UltraMem
 * (Huang et al. 2025): Tucker-decomposed query–key retrieval, multi-core scoring and implicit value expansion, placed
 * with a skip ({@code a:b}: read at block a, added after block b). Values take row-sparse gradients only.
 * Nothing here depends on a backend package; the retrieval bookkeeping on indices is plain Java.
 */
package dev.seedling.models.memory;
