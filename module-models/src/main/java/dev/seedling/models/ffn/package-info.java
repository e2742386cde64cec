/** Feed-forward sublayers: SwiGLU and GELU now; PolyCom's activations plug in through {@link dev.seedling.models.ffn.FeedForward}. */
package dev.seedling.models.ffn;
