package dev.seedling.models.train;

/**
 * How a run ended.
 *
 * @param steps           optimiser steps completed (including those before a resume)
 * @param trainLoss       mean training loss over the last logging window
 * @param validationLoss  validation loss at the end (NaN without validation data)
 * @param tokensPerSecond training throughput of this process
 */
public record TrainingResult(long steps, double trainLoss, double validationLoss, double tokensPerSecond) {
}
