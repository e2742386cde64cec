/** Normalisation layers and (with the residual-and-norm issue) the norm layouts of a transformer block. */
package dev.seedling.models.norm;
