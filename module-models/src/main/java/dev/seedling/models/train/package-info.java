/**
 * The training loop: {@link dev.seedling.models.train.Trainer} with progress reporting, periodic validation, a loss
 * curve, NaN/Inf detection, gradient accumulation and clipping, and atomic checkpoints that resume exactly.
 */
package dev.seedling.models.train;
