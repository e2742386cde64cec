package dev.seedling.cli;

import dev.seedling.models.optim.AdamW;
import dev.seedling.models.transformer.OverEncodingConfig;
import dev.seedling.models.transformer.TransformerConfig;
import dev.seedling.models.transformer.TransformerLM;
import dev.seedling.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code seedling experiment oe-throughput}: trains the small LM preset (vocab 256, d 256, 4 layers, seq 128, batch 8)
 * with and without over-encoding tables of {@code --table-rows} rows, alternating one step of each so machine load
 * affects both alike, and prints the median step times, the overhead, and the memory the tables and their Adam state
 * take. This is also the proof that tables of 10⁷ rows train on the build machine: run with a heap of about 6 GB,
 * e.g. {@code SEEDLING_JAVA_OPTS=-Xmx6g seedling experiment oe-throughput}.
 */
@Command(name = "oe-throughput", mixinStandardHelpOptions = true,
        description = "Training-step overhead of over-encoding with large tables (default 10M rows).")
final class OverEncodingThroughput implements Runnable {
    @Option(names = "--table-rows", description = "m, rows of the first table (default ${DEFAULT-VALUE})")
    int tableRows = 10_000_000;

    @Option(names = "--table-dim", description = "width of each table (default ${DEFAULT-VALUE})")
    int tableDim = 8;

    @Option(names = "--steps", description = "timed steps of each model (default ${DEFAULT-VALUE})")
    int steps = 10;

    @Override
    public void run() {
        TransformerConfig plainConfig = TransformerConfig.small();
        TransformerConfig oeConfig = plainConfig.toBuilder()
                .overEncoding(new OverEncodingConfig(3, 2, tableRows, tableDim, -1)).build();
        long t0 = System.nanoTime();
        TransformerLM oe = new TransformerLM(oeConfig);
        System.out.printf(Locale.ROOT, "built the over-encoded model in %.1f s: %,d parameters, of which n-gram "
                        + "tables %,d (%d tables of %,d+ rows × %d)%n", (System.nanoTime() - t0) / 1e9,
                oe.parameterCount(), tableParameters(oe), oeConfig.overEncoding().tables(), tableRows, tableDim);
        TransformerLM plain = new TransformerLM(plainConfig);
        AdamW plainOpt = AdamW.of(plain.namedParameters(), 0.1f);
        AdamW oeOpt = AdamW.of(oe.namedParameters(), 0.1f);
        long[] tokens = TinyTraining.kjvBytes(1_000_000)[0];
        SplittableRandom rng = new SplittableRandom(5);
        double[] plainTimes = new double[steps];
        double[] oeTimes = new double[steps];
        for (int i = -3; i < steps; i++) {                       // 3 warm-up rounds (the first allocates Adam state)
            Tensor[] batch = TinyTraining.batch(tokens, 8, 128, rng);
            double a = step(plain, plainOpt, batch);
            double b = step(oe, oeOpt, batch);
            if (i >= 0) {
                plainTimes[i] = a;
                oeTimes[i] = b;
                System.out.printf(Locale.ROOT, "step %2d: plain %.3f s, over-encoded %.3f s%n", i + 1, a, b);
            }
        }
        double p = median(plainTimes);
        double o = median(oeTimes);
        Runtime rt = Runtime.getRuntime();
        long tableBytes = tableParameters(oe) * 4L;
        System.out.printf(Locale.ROOT, "median step: plain %.3f s (%.0f tok/s), over-encoded %.3f s (%.0f tok/s); "
                        + "overhead %+.1f%%%n", p, 1024 / p, o, 1024 / o, 100 * (o / p - 1));
        System.out.printf(Locale.ROOT, "n-gram tables %.2f GB + Adam moments %.2f GB; heap in use %.2f GB of max "
                        + "%.2f GB%n", tableBytes / 1e9, 2 * tableBytes / 1e9, (rt.totalMemory() - rt.freeMemory()) / 1e9,
                rt.maxMemory() / 1e9);
    }

    private static double step(TransformerLM model, AdamW opt, Tensor[] batch) {
        long t = System.nanoTime();
        Tensor loss = model.loss(batch[0], batch[1]);
        opt.zeroGrad();
        loss.backward();
        opt.step(1e-3);
        return (System.nanoTime() - t) / 1e9;
    }

    private static long tableParameters(TransformerLM m) {
        return m.namedParameters().entrySet().stream().filter(e -> e.getKey().startsWith("embed.ngram."))
                .mapToLong(e -> e.getValue().value().numel()).sum();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
