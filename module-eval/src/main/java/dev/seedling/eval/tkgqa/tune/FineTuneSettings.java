package dev.seedling.eval.tkgqa.tune;

/**
 * Settings of {@link FineTuneSelfImprovementLoop}. The paper fine-tunes a 13B model with LoRA (r = 8) for 2 rounds on
 * MultiTQ and 1 on CronQuestions and gives neither its stopping threshold C nor its training schedule; Seedling
 * fine-tunes all parameters of its own (small) model.
 *
 * @param maxRounds   the paper's Max: rounds of drafting and fine-tuning
 * @param minVerified the paper's C: stop once a round verifies fewer programs
 * @param epochs      passes over the kept examples per round; steps = ceil(epochs * examples / batchSize)
 * @param batchSize   examples per optimiser step
 * @param peakLr      AdamW learning rate after a 10% warm-up, cosine-decayed to 10% of it
 * @param weightDecay decoupled AdamW weight decay
 */
public record FineTuneSettings(int maxRounds, int minVerified, int epochs, int batchSize, double peakLr,
                               float weightDecay) {
    public FineTuneSettings {
        if (maxRounds <= 0 || minVerified < 0 || epochs <= 0 || batchSize <= 0 || !(peakLr > 0) || weightDecay < 0) {
            throw new IllegalArgumentException("FineTuneSettings: maxRounds, epochs, batchSize and peakLr must be "
                    + "positive and minVerified, weightDecay non-negative, but are " + maxRounds + ", " + epochs + ", "
                    + batchSize + ", " + peakLr + ", " + minVerified + ", " + weightDecay);
        }
    }

    /** {@code rounds} rounds, C = 1, 3 epochs, batches of 8, lr 1e-4, no weight decay. */
    public static FineTuneSettings defaults(int rounds) {
        return new FineTuneSettings(rounds, 1, 3, 8, 1e-4, 0f);
    }

    /** Optimiser steps to train {@code examples} examples. */
    public long steps(int examples) {
        return Math.max(1, ((long) epochs * examples + batchSize - 1) / batchSize);
    }
}
