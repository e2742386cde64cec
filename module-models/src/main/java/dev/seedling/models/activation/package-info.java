/**
 * Learnable activation functions: PolyCom's {@link dev.seedling.models.activation.PolyReLU} and
 * {@link dev.seedling.models.activation.PolyNorm} (Zhuo et al., ICLR 2025). Fixed activations (GELU, SiLU) are tensor
 * ops and do not live here.
 */
package dev.seedling.models.activation;
