package dev.seedling.cli;

import dev.seedling.models.generate.SamplingOptions;
import dev.seedling.models.train.LossCurve;
import dev.seedling.models.train.TrainingResult;
import dev.seedling.models.transformer.TransformerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code seedling demo}: the main job on the bundled defaults. Trains a byte-level BPE tokenizer and a small LM on
 * the bundled corpus (a few minutes on 2 cores), prints the loss table, writes the loss plot and samples text.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train a tokenizer and a small LM on the bundled corpus, print the loss table, plot, sample.")
final class DemoCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--out", description = "run directory (default ${DEFAULT-VALUE})")
    Path out = Path.of("runs/demo");
    @Option(names = "--steps", description = "optimiser steps (default ${DEFAULT-VALUE})")
    long steps = 300;
    @Option(names = "--resume", description = "continue an interrupted demo from its newest checkpoint")
    boolean resume;

    /** vocab 512, d 128, 2 blocks of 4 heads, SwiGLU 344, 64-token context: minutes on 2 cores. */
    static TransformerConfig demoModel() {
        return TransformerConfig.small().toBuilder().vocabSize(512).dModel(128).layers(2).heads(4).kvHeads(4)
                .ffnHidden(344).maxSeqLen(64).build();
    }

    @Override
    public Integer call() {
        System.out.println("Seedling demo: tokenizer + small LM on the bundled corpus -> " + out.toAbsolutePath());
        TrainingResult r = TrainCommand.train(demoModel(), "bundled", out, null, steps, 16, 3e-3, resume, 0);
        System.out.println();
        System.out.println("  step   train loss   validation loss");
        for (LossCurve.Row row : new LossCurve(out).rows()) {
            System.out.printf(Locale.ROOT, "%6d   %10.4f   %s%n", row.step(), row.trainLoss(),
                    Double.isNaN(row.valLoss()) ? "" : String.format(Locale.ROOT, "%15.4f", row.valLoss()));
        }
        System.out.printf(Locale.ROOT, "%nthroughput %.0f tokens/s; loss plot %s%n", r.tokensPerSecond(),
                out.resolve("loss.svg").toAbsolutePath());
        LoadedModel m = LoadedModel.load(out.resolve("model"));
        for (String prompt : List.of("And God said", "In the beginning")) {
            var options = new SamplingOptions(60, 0.8f, 40, 0.95f, 1, Set.of(m.tokenizer().eosId()));
            System.out.println();
            System.out.print("> " + prompt);
            GenerateCommand.generate(m, prompt, options, List.of(), System.out::print);
            System.out.println();
        }
        System.out.println();
        System.out.println("model: " + out.resolve("model").toAbsolutePath()
                + "  (try: ./seedling generate --model " + out.resolve("model") + " --prompt \"Blessed are\")");
        return 0;
    }
}
