package dev.seedling.eval.local;

import dev.seedling.autograd.GradMode;
import dev.seedling.eval.tkgqa.link.Embedder;
import dev.seedling.eval.tkgqa.link.NameNormaliser;
import dev.seedling.models.transformer.TransformerLM;
import dev.seedling.tensor.Tensor;
import dev.seedling.tensor.TensorScope;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An {@link Embedder} backed by a Seedling language model: the text is normalised as the default embedder does it
 * ({@link NameNormaliser}: lower case, underscores as spaces, punctuation dropped), tokenised, run through the model,
 * and its final hidden states ({@link TransformerLM#hidden}, what the output head reads) are averaged over the
 * text's tokens and L2-normalised: {@code v = mean_t h_t / ||mean_t h_t||}.
 *
 * <p>Texts run in batches of {@code batchSize}, right-padded to the longest in the batch; as attention is causal, the
 * padding never changes a text's own positions, so a text's vector does not depend on its batch (up to float
 * rounding of the batched matrix products). Text longer than the context keeps its first {@code maxSeqLen} tokens.
 * A text with no tokens after normalisation gets the zero vector. No gradients are recorded, the model runs in
 * evaluation mode, and the tensors of each batch are released when it ends. Deterministic; thread-safe (calls are
 * serialised on the model).
 *
 * <p>A language model's mean-pooled states are a weak sentence embedding unless the model was trained for it; the
 * point here is that linking can run on a local model through the same interface as the TF-IDF default.
 */
public final class ModelEmbedder implements Embedder {
    /** Texts per forward pass by default. */
    public static final int DEFAULT_BATCH = 32;
    private final LocalModel local;
    private final int batchSize;

    /**
     * An embedder over {@code local}, running {@code batchSize} texts per forward pass.
     *
     * @throws IllegalArgumentException when {@code batchSize} is not positive
     */
    public ModelEmbedder(LocalModel local, int batchSize) {
        this.local = Objects.requireNonNull(local, "local");
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive but is " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /** The embedder of the model directory {@code dir} (see {@link LocalModel#load}), in batches of 32. */
    public static ModelEmbedder load(Path dir) {
        return new ModelEmbedder(LocalModel.load(dir), DEFAULT_BATCH);
    }

    @Override
    public int dimension() {
        return local.model().config().dModel();
    }

    @Override
    public float[] embed(String text) {
        return embedAll(List.of(text))[0];
    }

    @Override
    public float[][] embedAll(List<String> texts) {
        float[][] out = new float[texts.size()][];
        for (int from = 0; from < texts.size(); from += batchSize) {
            List<String> batch = texts.subList(from, Math.min(texts.size(), from + batchSize));
            float[][] vectors = embedBatch(batch);
            System.arraycopy(vectors, 0, out, from, vectors.length);
        }
        return out;
    }

    private float[][] embedBatch(List<String> texts) {
        int maxLen = local.model().config().maxSeqLen();
        List<int[]> ids = new ArrayList<>();
        int width = 0;
        for (String t : texts) {
            int[] tokens = local.tokenizer().encode(NameNormaliser.normalise(t));
            tokens = Arrays.copyOf(tokens, Math.min(tokens.length, maxLen));
            ids.add(tokens);
            width = Math.max(width, tokens.length);
        }
        int d = dimension();
        float[][] out = new float[texts.size()][d];
        if (width == 0) {
            return out;
        }
        long[] flat = new long[texts.size() * width];   // padding id 0: it only follows a text's own positions
        for (int b = 0; b < ids.size(); b++) {
            int[] tokens = ids.get(b);
            for (int t = 0; t < tokens.length; t++) {
                flat[b * width + t] = tokens[t];
            }
        }
        float[] h = hiddenStates(Tensor.ofLongs(flat, texts.size(), width));
        for (int b = 0; b < ids.size(); b++) {
            meanPoolNormalised(h, b, ids.get(b).length, width, out[b]);
        }
        return out;
    }

    /** The final hidden states of {@code ids [B, W]} as a host array {@code [B * W * d]}. */
    private float[] hiddenStates(Tensor ids) {
        TransformerLM model = local.model();
        synchronized (model) {
            boolean wasTraining = model.isTraining();
            model.train(false);
            try (var ng = GradMode.noGrad(); var scope = TensorScope.open()) {
                return model.hidden(ids, null).toFloatArray();
            } finally {
                model.train(wasTraining);
            }
        }
    }

    /** {@code out = normalise(mean of h[b, 0..len))}; zeros when {@code len} is 0. */
    private static void meanPoolNormalised(float[] h, int b, int len, int width, float[] out) {
        int d = out.length;
        double[] sum = new double[d];
        for (int t = 0; t < len; t++) {
            int base = (b * width + t) * d;
            for (int i = 0; i < d; i++) {
                sum[i] += h[base + i];
            }
        }
        double norm = 0;
        for (double s : sum) {
            norm += s * s;
        }
        if (norm == 0) {
            return;
        }
        double inv = 1 / Math.sqrt(norm);   // the 1/len of the mean cancels in the normalisation
        for (int i = 0; i < d; i++) {
            out[i] = (float) (sum[i] * inv);
        }
    }
}
