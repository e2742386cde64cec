package dev.seedling.eval.local;

import dev.seedling.data.tokenizer.BpeTokenizer;
import dev.seedling.data.tokenizer.Tokenizer;
import dev.seedling.data.tokenizer.TokenizerJson;
import dev.seedling.data.tokenizer.Utf8Policy;
import dev.seedling.models.checkpoint.ModelDirectory;
import dev.seedling.models.transformer.TransformerLM;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A Seedling language model with its tokenizer, as a model directory holds them ({@code config.json},
 * {@code model.safetensors}, {@code tokenizer.json}; see {@link ModelDirectory}).
 *
 * @param model     the model, on the current backend
 * @param tokenizer its tokenizer; its vocabulary must fit the model's
 */
public record LocalModel(TransformerLM model, Tokenizer tokenizer) {
    public LocalModel {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tokenizer, "tokenizer");
        if (tokenizer.vocabSize() > model.config().vocabSize()) {
            throw new IllegalArgumentException("the tokenizer has " + tokenizer.vocabSize() + " ids but the model's "
                    + "vocabulary only " + model.config().vocabSize());
        }
    }

    /**
     * Loads the model of {@code dir} on the current backend, in evaluation mode, with its {@code tokenizer.json}
     * (lenient UTF-8).
     *
     * @throws IllegalArgumentException naming the directory when a file is missing, or naming the file and tensor
     *                                  when the weights do not match the config
     */
    public static LocalModel load(Path dir) {
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
        return new LocalModel(model, TokenizerJson.read(tok, Utf8Policy.LENIENT));
    }

    /**
     * Writes the model and its tokenizer as a model directory that {@link #load} reads back.
     *
     * @throws IllegalArgumentException when the tokenizer is not BPE ({@code tokenizer.json} holds BPE only)
     */
    public void save(Path dir) {
        ModelDirectory.save(model, dir);
        saveTokenizer(dir.resolve(ModelDirectory.TOKENIZER));
    }

    /**
     * Writes the tokenizer as {@code tokenizer.json} to {@code file}.
     *
     * @throws IllegalArgumentException when the tokenizer is not BPE ({@code tokenizer.json} holds BPE only)
     */
    public void saveTokenizer(Path file) {
        if (!(tokenizer instanceof BpeTokenizer bpe)) {
            throw new IllegalArgumentException("only a BPE tokenizer can be written to " + file + ", not "
                    + tokenizer.getClass().getSimpleName());
        }
        TokenizerJson.write(bpe, file);
    }
}
