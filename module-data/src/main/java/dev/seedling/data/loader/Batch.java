package dev.seedling.data.loader;

import dev.seedling.tensor.Tensor;

/**
 * One batch for language modelling: row {@code r} of {@code inputs} is a sequence without its last token, the same
 * row of {@code targets} the sequence without its first token. Both are I64 {@code [rows, sequenceLength - 1]}.
 *
 * @param inputs token ids fed to the model
 * @param targets the next-token ids to predict
 * @param position where this batch was in the loader's order
 */
public record Batch(Tensor inputs, Tensor targets, LoaderState position) {
}
