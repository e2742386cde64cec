package dev.seedling.cli;

import dev.seedling.data.tokenizer.Tokenizer;
import dev.seedling.eval.local.LocalModel;
import dev.seedling.models.transformer.TransformerLM;

import java.nio.file.Path;

/** A model directory with its tokenizer, as the commands that run a model load it ({@link LocalModel#load}). */
record LoadedModel(TransformerLM model, Tokenizer tokenizer, Path dir) {
    static LoadedModel load(Path dir) {
        LocalModel local = LocalModel.load(dir);
        return new LoadedModel(local.model(), local.tokenizer(), dir);
    }
}
