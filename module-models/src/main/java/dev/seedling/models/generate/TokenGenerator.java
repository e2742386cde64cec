package dev.seedling.models.generate;

import dev.seedling.autograd.GradMode;
import dev.seedling.models.attention.KvCache;
import dev.seedling.models.transformer.TransformerLM;
import dev.seedling.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Generates token ids from a prompt with a KV cache: the prompt is run once, then one position per step. KV-cached
 * decoding gives the same tokens as recomputing the full sequence each step.
 */
public final class TokenGenerator {
    /** Called with each new token; return false to stop (e.g. a text stop sequence was completed). */
    @FunctionalInterface
    public interface Listener {
        boolean onToken(int token);
    }

    private TokenGenerator() {
    }

    /**
     * Generates after {@code prompt} (at least one id). Stops at {@code maxNewTokens}, a stop token, the model's
     * maximum sequence length, or when the listener says so. Returns the new ids (without the prompt).
     */
    public static int[] generate(TransformerLM model, int[] prompt, SamplingOptions options, Listener listener) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("generate: the prompt needs at least one token");
        }
        boolean wasTraining = model.isTraining();
        model.train(false);
        TokenSampler sampler = new TokenSampler(options);
        KvCache cache = model.newCache();
        List<Integer> out = new ArrayList<>();
        try (var ng = GradMode.noGrad()) {
            long[] ids = new long[prompt.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = prompt[i];
            }
            Tensor logits = model.forward(Tensor.ofLongs(ids, 1, ids.length), cache);
            int vocab = model.config().vocabSize();
            int max = model.config().maxSeqLen();
            while (out.size() < options.maxNewTokens()) {
                float[] last = logits.select(1, logits.size(1) - 1).toFloatArray();
                int next = sampler.next(java.util.Arrays.copyOf(last, vocab));
                if (options.stopTokens().contains(next)) {
                    break;
                }
                out.add(next);
                if ((listener != null && !listener.onToken(next)) || cache.length() >= max) {
                    break;
                }
                logits = model.forward(Tensor.ofLongs(new long[]{next}, 1, 1), cache);
            }
        } finally {
            model.train(wasTraining);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
