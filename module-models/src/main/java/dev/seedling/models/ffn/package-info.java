/**
 * Feed-forward sublayers: SwiGLU, GELU and PolyCom's gate-free {@link dev.seedling.models.ffn.PolyFeedForward} (its
 * activations live in {@code models.activation}), all behind {@link dev.seedling.models.ffn.FeedForward}.
 */
package dev.seedling.models.ffn;
