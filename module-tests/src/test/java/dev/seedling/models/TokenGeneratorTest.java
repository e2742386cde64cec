package dev.seedling.models;

import dev.seedling.autograd.GradMode;
import dev.seedling.models.generate.SamplingOptions;
import dev.seedling.models.generate.TokenGenerator;
import dev.seedling.models.transformer.TransformerLM;
import dev.seedling.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TokenGeneratorTest {

    private static TransformerLM trainedCyclicModel() {
        TransformerLM model = new TransformerLM(TinyModels.tiny("pre", "swiglu"));
        TinyModels.trainOnCycles(model, 40);
        return model;
    }

    /** Greedy decoding by recomputing the whole sequence at every step, without a cache. */
    private static int[] greedyWithoutCache(TransformerLM model, int[] prompt, int n) {
        int[] seq = java.util.Arrays.copyOf(prompt, prompt.length + n);
        model.train(false);
        try (var ng = GradMode.noGrad()) {
            for (int i = prompt.length; i < seq.length; i++) {
                long[] ids = new long[i];
                for (int j = 0; j < i; j++) {
                    ids[j] = seq[j];
                }
                Tensor logits = model.forward(Tensor.ofLongs(ids, 1, i), null);
                seq[i] = (int) logits.select(1, i - 1).argmax(-1, false).toLongArray()[0];
            }
        }
        return java.util.Arrays.copyOfRange(seq, prompt.length, seq.length);
    }

    @Test
    void trainedModelContinuesTheCycleGreedily() {
        int[] out = TokenGenerator.generate(trainedCyclicModel(), new int[]{5, 6}, SamplingOptions.greedy(8), null);
        assertThat(out).containsExactly(7, 0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void kvCachedGreedyDecodingEqualsFullRecomputation() {
        TransformerLM model = new TransformerLM(TinyModels.tiny("pre", "swiglu"));
        int[] prompt = {3, 9, 2};
        int[] cached = TokenGenerator.generate(model, prompt, SamplingOptions.greedy(10), null);
        assertThat(cached).containsExactly(greedyWithoutCache(model, prompt, 10));
    }

    @Test
    void samplingIsDeterministicForASeedAndTopKOneIsGreedy() {
        TransformerLM model = new TransformerLM(TinyModels.tiny("pre", "swiglu"));
        var opts = new SamplingOptions(12, 1.0f, 0, 0.9f, 42, Set.of());
        int[] a = TokenGenerator.generate(model, new int[]{1}, opts, null);
        int[] b = TokenGenerator.generate(model, new int[]{1}, opts, null);
        assertThat(a).containsExactly(b);
        var topOne = new SamplingOptions(12, 1.0f, 1, 1f, 7, Set.of());
        assertThat(TokenGenerator.generate(model, new int[]{1}, topOne, null))
                .containsExactly(TokenGenerator.generate(model, new int[]{1}, SamplingOptions.greedy(12), null));
    }

    @Test
    void stopTokenAndListenerEndGeneration() {
        TransformerLM model = trainedCyclicModel();
        var opts = new SamplingOptions(8, 0f, 0, 1f, 0, Set.of(1));
        assertThat(TokenGenerator.generate(model, new int[]{5, 6}, opts, null)).containsExactly(7, 0);
        int[] seen = new int[1];
        int[] out = TokenGenerator.generate(model, new int[]{5, 6}, SamplingOptions.greedy(8), t -> ++seen[0] < 3);
        assertThat(out).hasSize(3);
    }
}
