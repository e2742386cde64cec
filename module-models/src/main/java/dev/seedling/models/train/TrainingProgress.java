package dev.seedling.models.train;

/**
 * What besides tensors a resumed run needs to continue exactly as an uninterrupted one.
 *
 * @param step          optimiser steps completed
 * @param dataPosition  {@link TrainingData#position()} after the last batch consumed
 * @param rngState      state of the model's dropout generator
 * @param optimizerStep the optimiser's own step count (bias correction)
 */
public record TrainingProgress(long step, long dataPosition, long rngState, long optimizerStep) {
}
