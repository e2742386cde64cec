package dev.seedling.cli;

import dev.seedling.models.memory.MemoryConfig;
import dev.seedling.models.optim.AdamW;
import dev.seedling.models.transformer.TransformerConfig;
import dev.seedling.models.transformer.TransformerLM;
import dev.seedling.tensor.Generator;
import dev.seedling.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Locale;

/**
 * {@code seedling bench memory-train}: trains a small LM with one UltraMem layer of {@code --keys}² physical value
 * slots (default 1024² = 1,048,576; ×E virtual) for a few steps and reports the step time, the heap in use and how
 * many value rows the optimiser changed, which must equal the rows selected (row-sparse gradients, lazy Adam): the
 * proof that a memory of a million slots trains on a small machine.
 */
@Command(name = "memory-train", mixinStandardHelpOptions = true,
        description = "Train steps of an LM with a >= 1M-slot UltraMem layer: time, heap, rows touched.")
final class BenchMemoryTrainCommand implements Runnable {
    @Option(names = "--keys", description = "K: K^2 physical value slots (default ${DEFAULT-VALUE})")
    int keys = 1024;
    @Option(names = "--value-dim", description = "value width (default ${DEFAULT-VALUE})")
    int valueDim = 64;
    @Option(names = "--steps", description = "training steps (default ${DEFAULT-VALUE})")
    int steps = 5;

    @Override
    public void run() {
        TransformerConfig c = TransformerConfig.small().toBuilder().vocabSize(256).dModel(128).layers(2).heads(4)
                .kvHeads(4).ffnHidden(256).maxSeqLen(64).memory(MemoryConfig.none().toBuilder().kind("ultramem")
                        .placement("0:1").keys(keys).keyDim(64).valueDim(valueDim).topM(16).heads(2).rank(2)
                        .cores(2).expansion(4).build()).build();
        long t0 = System.nanoTime();
        TransformerLM model = new TransformerLM(c);
        Tensor values = model.namedParameters().get("memories.0.values").value();
        System.out.printf(Locale.ROOT, "built: %d value slots x %d (virtual %d), %d parameters in %.1f s%n",
                values.size(0), values.size(1), values.size(0) * 4L, model.parameterCount(),
                (System.nanoTime() - t0) / 1e9);
        AdamW opt = AdamW.of(model.namedParameters(), 0.1f);
        Generator g = new Generator(3);
        int batch = 4;
        int seq = 64;
        for (int s = 0; s < steps; s++) {
            long[] ids = new long[batch * (seq + 1)];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = g.nextInt(256);
            }
            Tensor all = Tensor.ofLongs(ids, batch, seq + 1);
            float[] before = values.toFloatArray();
            long start = System.nanoTime();
            model.beforeTrainingStep();
            Tensor loss = model.loss(all.narrow(1, 0, seq).contiguous(), all.narrow(1, 1, seq).contiguous());
            opt.zeroGrad();
            loss.backward();
            long touched = values.sparseGrad().coalesce().indices().numel();
            boolean dense = values.grad() != null;
            opt.step(1e-3);
            double ms = (System.nanoTime() - start) / 1e6;
            float[] after = values.toFloatArray();
            long changed = 0;
            for (int r = 0; r < values.size(0); r++) {
                for (int k = 0; k < values.size(1); k++) {
                    if (before[r * values.size(1) + k] != after[r * values.size(1) + k]) {
                        changed++;
                        break;
                    }
                }
            }
            Runtime rt = Runtime.getRuntime();
            System.out.printf(Locale.ROOT, "step %d loss %.4f step_ms %.0f rows_selected %d rows_changed %d "
                            + "dense_value_grad %s heap_used_mb %d%n", s + 1, loss.item(), ms, touched, changed, dense,
                    (rt.totalMemory() - rt.freeMemory()) >> 20);
        }
    }
}
