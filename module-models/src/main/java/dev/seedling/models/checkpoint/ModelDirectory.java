package dev.seedling.models.checkpoint;

import dev.seedling.autograd.GradMode;
import dev.seedling.io.DurableFiles;
import dev.seedling.io.SafeTensors;
import dev.seedling.models.Parameter;
import dev.seedling.models.transformer.TransformerConfig;
import dev.seedling.models.transformer.TransformerLM;
import dev.seedling.tensor.Tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A model on disk: {@code config.json} (a {@link TransformerConfig}) and {@code model.safetensors} (every parameter
 * under its module-tree name, F32). Tokenizers, when present, sit beside them as {@code tokenizer.json}; this class
 * does not read them. Each file is written atomically.
 */
public final class ModelDirectory {
    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "model.safetensors";
    public static final String TOKENIZER = "tokenizer.json";

    private ModelDirectory() {
    }

    /** Writes the config and the weights of {@code model} into {@code dir} (created if needed). */
    public static void save(TransformerLM model, Path dir) {
        try {
            Files.createDirectories(dir);
            writeAtomically(dir.resolve(CONFIG), model.config().toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("saving model config to " + dir, e);
        }
        SafeTensors.write(dir.resolve(WEIGHTS), weights(model));
    }

    /** The parameters of {@code model} by name. */
    public static Map<String, Tensor> weights(TransformerLM model) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> out.put(name, p.value()));
        return out;
    }

    /**
     * Builds the model of {@code dir/config.json} on the current backend and loads {@code dir/model.safetensors}.
     *
     * @throws IllegalArgumentException naming the file and tensor when names or shapes do not match the config
     */
    public static TransformerLM load(Path dir) {
        TransformerLM model = new TransformerLM(TransformerConfig.read(dir.resolve(CONFIG)));
        loadWeights(model, dir.resolve(WEIGHTS));
        return model;
    }

    /** Copies the tensors of a safetensors file into the model's parameters; names and shapes must match exactly. */
    public static void loadWeights(TransformerLM model, Path file) {
        var contents = SafeTensors.read(file);
        copyInto(model.namedParameters(), contents.tensors(), file);
    }

    static void copyInto(Map<String, Parameter> params, Map<String, Tensor> tensors, Path file) {
        Set<String> missing = new TreeSet<>(params.keySet());
        missing.removeAll(tensors.keySet());
        Set<String> unexpected = new TreeSet<>(tensors.keySet());
        unexpected.removeAll(params.keySet());
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException(file + ": tensors do not match the model: missing " + missing
                    + ", unexpected " + unexpected);
        }
        try (var ng = GradMode.noGrad()) {
            params.forEach((name, p) -> {
                Tensor src = tensors.get(name);
                if (!src.shape().equals(p.value().shape()) || src.dtype() != p.value().dtype()) {
                    throw new IllegalArgumentException(file + ": tensor '" + name + "' is " + src.dtype() + " "
                            + src.shape() + " but the model expects " + p.value().dtype() + " " + p.value().shape());
                }
                p.value().copyFrom(src.to(p.value().backend()));
            });
        }
    }

    /**
     * Writes text (UTF-8) to {@code file} atomically through {@link DurableFiles#writeAtomically}: on failure
     * {@code file} is untouched and no temporary file is left.
     */
    public static void writeAtomically(Path file, String text) throws IOException {
        DurableFiles.writeAtomically(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
