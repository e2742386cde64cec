package dev.seedling.models.train;

/**
 * Settings of a training run.
 *
 * @param steps           optimiser steps in total
 * @param peakLr          learning rate after warm-up
 * @param warmupSteps     linear warm-up steps
 * @param minLrRatio      final learning rate as a fraction of the peak (cosine decay)
 * @param weightDecay     decoupled weight decay of AdamW (decayed parameters only)
 * @param clipNorm        global gradient-norm clip (0 = off)
 * @param gradAccum       micro-batches per optimiser step
 * @param logEvery        steps between log lines and loss-curve rows
 * @param evalEvery       steps between validations (0 = only at the end)
 * @param checkpointEvery steps between checkpoints (0 = only at the end)
 * @param keepCheckpoints how many recent checkpoints to keep
 */
public record TrainingConfig(long steps, double peakLr, long warmupSteps, double minLrRatio, float weightDecay,
                             double clipNorm, int gradAccum, int logEvery, int evalEvery, int checkpointEvery,
                             int keepCheckpoints) {
    public TrainingConfig {
        if (steps <= 0 || gradAccum <= 0 || logEvery <= 0 || keepCheckpoints <= 0) {
            throw new IllegalArgumentException("TrainingConfig: steps, gradAccum, logEvery and keepCheckpoints must be "
                    + "positive (steps=" + steps + ", gradAccum=" + gradAccum + ", logEvery=" + logEvery
                    + ", keepCheckpoints=" + keepCheckpoints + ")");
        }
    }

    /** Defaults for small models: lr 3e-3, 10% warm-up, cosine to 10%, wd 0.1, clip 1.0. */
    public static TrainingConfig defaults(long steps) {
        return new TrainingConfig(steps, 3e-3, Math.max(1, steps / 10), 0.1, 0.1f, 1.0, 1, 10,
                (int) Math.max(1, steps / 4), (int) Math.max(1, steps / 2), 2);
    }
}
