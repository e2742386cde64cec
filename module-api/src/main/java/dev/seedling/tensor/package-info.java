/**
 * Tensors, shapes, dtypes and every tensor operation with its backward rule beside it. Nothing here knows a concrete backend.
 */
package dev.seedling.tensor;
