package dev.seedling.cli;

import dev.seedling.data.tokenizer.Tokenizer;
import dev.seedling.data.tokenizer.TokenizerJson;
import dev.seedling.data.tokenizer.Utf8Policy;
import dev.seedling.models.checkpoint.ModelDirectory;
import dev.seedling.models.transformer.TransformerLM;

import java.nio.file.Files;
import java.nio.file.Path;

/** A model directory with its tokenizer, as the commands that run a model load it. */
record LoadedModel(TransformerLM model, Tokenizer tokenizer, Path dir) {
    static LoadedModel load(Path dir) {
        if (!Files.isRegularFile(dir.resolve(ModelDirectory.CONFIG))) {
            throw new IllegalArgumentException(dir + " is not a model directory (no " + ModelDirectory.CONFIG
                    + "); use the 'model' folder that 'seedling train' writes");
        }
        Path tok = dir.resolve(ModelDirectory.TOKENIZER);
        if (!Files.isRegularFile(tok)) {
            throw new IllegalArgumentException(dir + " has no " + ModelDirectory.TOKENIZER);
        }
        TransformerLM model = ModelDirectory.load(dir);
        model.train(false);
        return new LoadedModel(model, TokenizerJson.read(tok, Utf8Policy.LENIENT), dir);
    }
}
