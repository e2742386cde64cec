package dev.seedling.cli;

import dev.seedling.autograd.GradMode;
import dev.seedling.data.text.BundledCorpus;
import dev.seedling.models.optim.AdamW;
import dev.seedling.models.optim.GradientClipping;
import dev.seedling.models.optim.LearningRateSchedule;
import dev.seedling.models.transformer.TransformerConfig;
import dev.seedling.models.transformer.TransformerLM;
import dev.seedling.tensor.Functional;
import dev.seedling.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code seedling experiment ultramem}: UltraMem against PKM, MoE and dense at about equal compute per token
 * ({@link MemoryComparisonModels#experiment}), byte-level language modelling on the bundled corpus, the same data
 * order and schedule for every model. Writes a markdown table, the validation curves as CSV and an SVG plot.
 */
@Command(name = "ultramem", mixinStandardHelpOptions = true,
        description = "UltraMem vs PKM vs MoE vs dense at equal compute, tiny scale (table + SVG).")
final class UltraMemExperiment implements Runnable {
    @Mixin
    TrainingOptions training = new TrainingOptions(300);
    @Option(names = "--seq", description = "sequence length in bytes (default ${DEFAULT-VALUE})")
    int seq = 64;
    @Option(names = "--eval-every", description = "steps between validations (default ${DEFAULT-VALUE})")
    int evalEvery = 50;
    @Option(names = "--models", split = ",", description = "which models (default dense,moe,pkm,ultramem,dense-wide)")
    List<String> models = MemoryComparisonModels.KINDS;
    @Option(names = "--out", description = "output directory (default ${DEFAULT-VALUE})")
    Path out = Path.of("docs/experiments");

    private record Row(String kind, long params, long active, double trainLoss, double valLoss, double msPerStep,
                       List<double[]> curve) {
    }

    @Override
    public void run() {
        byte[] text = corpus(2_000_000);
        int split = text.length * 95 / 100;
        List<Row> rows = new ArrayList<>();
        for (String kind : models) {
            rows.add(train(kind, text, split));
        }
        write(rows);
    }

    private Row train(String kind, byte[] text, int split) {
        long steps = training.steps;
        TransformerConfig c = MemoryComparisonModels.experiment(kind, seq, steps);
        TransformerLM model = new TransformerLM(c);
        AdamW opt = AdamW.of(model.namedParameters(), 0.1f);
        LearningRateSchedule schedule = LearningRateSchedule.warmupCosine(training.lr, steps / 10, steps, 0.1);
        SplittableRandom rnd = new SplittableRandom(17);                  // the same batches for every model
        List<double[]> curve = new ArrayList<>();
        double window = 0;
        int windowSteps = 0;
        double lastTrain = Double.NaN;
        long t0 = System.nanoTime();
        for (long step = 0; step < steps; step++) {
            Tensor[] b = batch(text, 0, split - seq - 1, rnd);
            model.train(true);
            model.beforeTrainingStep();
            Tensor loss = model.loss(b[0], b[1]);
            opt.zeroGrad();
            loss.backward();
            GradientClipping.clipGlobalNorm(model.namedParameters().values(), 1.0);
            opt.step(schedule.at(step));
            window += loss.item();
            windowSteps++;
            if ((step + 1) % evalEvery == 0 || step + 1 == steps) {
                lastTrain = window / windowSteps;
                window = 0;
                windowSteps = 0;
                curve.add(new double[]{step + 1, lastTrain, validate(model, text, split)});
                System.out.printf(Locale.ROOT, "%s step %d train %.4f val %.4f%n", kind, step + 1, lastTrain,
                        curve.get(curve.size() - 1)[2]);
            }
        }
        double ms = (System.nanoTime() - t0) / 1e6 / steps;
        return new Row(kind, model.parameterCount(), BenchDecodeCommand.activeParameters(model), lastTrain,
                curve.get(curve.size() - 1)[2], ms, curve);
    }

    /** Mean cross-entropy (nats per byte) over 16 fixed batches of the held-out 5%. */
    private double validate(TransformerLM model, byte[] text, int split) {
        SplittableRandom rnd = new SplittableRandom(99);
        model.train(false);
        double sum = 0;
        try (var ng = GradMode.noGrad()) {
            for (int i = 0; i < 16; i++) {
                Tensor[] b = batch(text, split, text.length - seq - 1, rnd);
                sum += Functional.crossEntropy(model.forward(b[0], null), b[1]).item();
            }
        }
        return sum / 16;
    }

    private Tensor[] batch(byte[] text, int from, int to, SplittableRandom rnd) {
        int batch = training.batch;
        long[] in = new long[batch * seq];
        long[] target = new long[batch * seq];
        for (int s = 0; s < batch; s++) {
            int start = from + rnd.nextInt(to - from);
            for (int t = 0; t < seq; t++) {
                in[s * seq + t] = text[start + t] & 0xff;
                target[s * seq + t] = text[start + t + 1] & 0xff;
            }
        }
        return new Tensor[]{Tensor.ofLongs(in, batch, seq), Tensor.ofLongs(target, batch, seq)};
    }

    private static byte[] corpus(int limit) {
        try (InputStream in = BundledCorpus.open()) {
            return in.readNBytes(limit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled corpus: " + e.getMessage(), e);
        }
    }

    private void write(List<Row> rows) {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "steps %d, batch %d x %d bytes, peak lr %g (warm-up 10%%, cosine to "
                + "10%%), AdamW wd 0.1, clip 1.0; backend %s%n%n", training.steps, training.batch, seq, training.lr,
                dev.seedling.Seedling.backend().name()));
        table.append("| model | params | active params | train loss | val loss (nats/byte) | ms/step |\n");
        table.append("|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            table.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %.4f | %.4f | %.0f |%n", r.kind(), r.params(),
                    r.active(), r.trainLoss(), r.valLoss(), r.msPerStep()));
        }
        StringBuilder csv = new StringBuilder("model,step,train_loss,val_loss\n");
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        for (Row r : rows) {
            curves.put(r.kind(), r.curve());
            for (double[] p : r.curve()) {
                csv.append(String.format(Locale.ROOT, "%s,%d,%.5f,%.5f%n", r.kind(), (long) p[0], p[1], p[2]));
            }
        }
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("ultramem-table.md"), table.toString());
            Files.writeString(out.resolve("ultramem-curves.csv"), csv.toString());
            Files.writeString(out.resolve("ultramem.svg"), SvgLines.plot("validation loss (nats/byte) vs step",
                    curves));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the experiment results to " + out + ": " + e.getMessage(), e);
        }
        System.out.print(table);
        System.out.println("wrote " + out.resolve("ultramem-table.md") + ", ultramem-curves.csv, ultramem.svg");
    }
}
