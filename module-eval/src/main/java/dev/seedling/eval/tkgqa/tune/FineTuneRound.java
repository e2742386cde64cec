package dev.seedling.eval.tkgqa.tune;

import dev.seedling.eval.tkgqa.RoundStatistics;

import java.nio.file.Path;

/**
 * What one round of the fine-tuning variant did.
 *
 * @param drafting     the drafting statistics, as the in-context variant reports them; {@code poolSize} counts the
 *                     kept training examples so far (cumulative Ft)
 * @param examples     examples trained on this round (all kept so far)
 * @param tooLong      verified programs left out because their reply does not fit the model's reply room
 * @param steps        optimiser steps (0 when the round trained nothing)
 * @param lossBefore   mean loss on the program tokens of the examples before the round's training (NaN if none)
 * @param lossAfter    the same after it (NaN if none)
 * @param checkpoint   the model directory the round saved (config, weights, tokenizer), or null if it trained nothing
 * @param trainMillis  wall time of the training, checkpoint included
 */
public record FineTuneRound(RoundStatistics drafting, int examples, int tooLong, long steps, double lossBefore,
                            double lossAfter, Path checkpoint, long trainMillis) {
}
