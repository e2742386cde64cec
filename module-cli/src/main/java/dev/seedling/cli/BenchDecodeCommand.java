package dev.seedling.cli;

import dev.seedling.autograd.GradMode;
import dev.seedling.models.attention.KvCache;
import dev.seedling.models.transformer.TransformerLM;
import dev.seedling.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code seedling bench decode}: per-token decode latency at batch 1 with the KV cache, for models of about equal total
 * parameters ({@link MemoryComparisonModels#decode}): the UltraMem paper's claim is that a memory model decodes near
 * the speed of its dense backbone and several times faster than an MoE of the same size.
 */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = "Decode latency per token at batch 1 (KV cache) for dense, MoE, PKM and UltraMem models.")
final class BenchDecodeCommand implements Runnable {
    @Option(names = "--model", split = ",", description = "dense, moe, pkm, ultramem, dense-wide (default: all)")
    List<String> models = MemoryComparisonModels.KINDS;
    @Option(names = "--prompt", description = "prompt tokens prefilled first (default ${DEFAULT-VALUE})")
    int prompt = 16;
    @Option(names = "--tokens", description = "timed decode steps (default ${DEFAULT-VALUE})")
    int tokens = 64;
    @Option(names = "--repeats", description = "timed repeats; the median is reported (default ${DEFAULT-VALUE})")
    int repeats = 3;

    @Override
    public void run() {
        for (String kind : models) {
            TransformerLM model = new TransformerLM(MemoryComparisonModels.decode(kind));
            model.train(false);
            long active = activeParameters(model);
            double[] ms = new double[repeats];
            decode(model, 8);                                    // warm-up (JIT)
            for (int r = 0; r < repeats; r++) {
                ms[r] = decode(model, tokens);
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "seedling decode model=%s backend=%s params=%d active_params=%d "
                            + "ms_per_token=%.2f%n", kind, dev.seedling.Seedling.backend().name(),
                    model.parameterCount(), active, ms[repeats / 2]);
        }
    }

    /** Milliseconds per decoded token after a {@code prompt}-token prefill, greedy, batch 1. */
    private double decode(TransformerLM model, int steps) {
        try (var ng = GradMode.noGrad()) {
            KvCache cache = model.newCache();
            long[] ids = new long[prompt];
            for (int i = 0; i < prompt; i++) {
                ids[i] = (i * 31 + 7) % model.config().vocabSize();
            }
            Tensor logits = model.forward(Tensor.ofLongs(ids, 1, prompt), cache);
            long next = logits.select(1, prompt - 1).argmax(-1, false).toLongArray()[0];
            long t0 = System.nanoTime();
            for (int s = 0; s < steps; s++) {
                logits = model.forward(Tensor.ofLongs(new long[]{next}, 1, 1), cache);
                next = logits.select(1, 0).argmax(-1, false).toLongArray()[0];
            }
            return (System.nanoTime() - t0) / 1e6 / steps;
        }
    }

    /** Parameters a decode step reads: everything but unselected experts and memory values. */
    static long activeParameters(TransformerLM model) {
        var c = model.config();
        long active = 0;
        for (var e : model.namedParameters().entrySet()) {
            String name = e.getKey();
            long n = e.getValue().value().numel();
            if (name.contains(".experts.")) {
                n = n * c.moeTopK() / c.moeExperts();
            } else if (name.startsWith("memories.") && name.endsWith(".values")) {
                n = (long) c.memory().heads() * c.memory().topM() * e.getValue().value().size(1);
            }
            active += n;
        }
        return active;
    }
}
