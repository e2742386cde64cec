package dev.seedling.cli;

import dev.seedling.autograd.GradMode;
import dev.seedling.data.loader.TokenArraySequences;
import dev.seedling.data.synthetic.CfgConfig;
import dev.seedling.data.synthetic.CfgGrammar;
import dev.seedling.data.text.BundledCorpus;
import dev.seedling.models.optim.AdamW;
import dev.seedling.models.optim.GradientClipping;
import dev.seedling.models.train.LinePlot;
import dev.seedling.models.transformer.BlockOptions;
import dev.seedling.models.transformer.TransformerConfig;
import dev.seedling.models.transformer.TransformerLM;
import dev.seedling.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code seedling experiment residual-norm}: trains every residual scheme / norm layout of issue 7 (Pre-Norm baseline,
 * Post-Norm, HC n=2/4 static and dynamic, FC m=2/4, HybridNorm, HybridNorm*, SDD) on the same data for the same
 * steps, on the synthetic CFG corpus and on the bundled text (bytes as tokens), and writes a results table, loss-curve
 * plots, step time and activation memory relative to the baseline to {@code docs/experiments/residual-norm.md}.
 * Text after the {@code <!-- discussion -->} marker of an existing report is kept.
 */
@Command(name = "residual-norm", mixinStandardHelpOptions = true,
        description = "Pre/Post-Norm, Hyper-/Frac-Connections, HybridNorm(*), SDD on the CFG corpus and bundled text.")
final class ResidualNormExperiment implements Runnable {
    @Option(names = "--steps", description = "training steps per run (default ${DEFAULT-VALUE})")
    int steps = 150;
    @Option(names = "--out", description = "report file (default ${DEFAULT-VALUE})")
    Path out = Path.of("docs/experiments/residual-norm.md");
    @Option(names = "--only", split = ",", description = "run only these variants (by name)")
    List<String> only;
    @Option(names = "--timing-rounds", description = "rounds of interleaved step timing (default ${DEFAULT-VALUE})")
    int timingRounds = 20;

    static final int BATCH = 8;
    static final int SEQ = 64;
    static final int VAL_BATCHES = 4;
    static final String MARKER = "<!-- discussion -->";

    /** One trained configuration. */
    record Variant(String name, String layout, String residual, int rate, boolean dynamic) {
        TransformerConfig config(int vocab) {
            BlockOptions o = BlockOptions.DEFAULT.toBuilder().rate(rate).dynamic(dynamic).build();
            return TransformerConfig.small().toBuilder().vocabSize(vocab).dModel(64).layers(4).heads(4).kvHeads(2)
                    .ffnHidden(172).maxSeqLen(SEQ).normLayout(layout).residual(residual).blockOptions(o).seed(1)
                    .build();
        }
    }

    static final List<Variant> VARIANTS = List.of(
            new Variant("Pre-Norm (baseline)", "pre", "plain", 2, false),
            new Variant("Post-Norm", "post", "plain", 2, false),
            new Variant("HC n=2 static", "pre", "hyper", 2, false),
            new Variant("HC n=2 dynamic", "pre", "hyper", 2, true),
            new Variant("HC n=4 static", "pre", "hyper", 4, false),
            new Variant("HC n=4 dynamic", "pre", "hyper", 4, true),
            new Variant("FC m=2 dynamic", "pre", "frac", 2, true),
            new Variant("FC m=4 dynamic", "pre", "frac", 4, true),
            new Variant("HybridNorm", "hybrid", "plain", 2, false),
            new Variant("HybridNorm*", "hybrid_star", "plain", 2, false),
            new Variant("SDD (Post-Norm)", "sdd_post", "plain", 2, false));

    /** What one run measured. */
    record Result(Variant variant, long params, double[] trainLoss, double valLoss, double stepMs,
                  long activationBytes) {
        double finalTrain() {
            return Arrays.stream(trainLoss, Math.max(0, trainLoss.length - 10), trainLoss.length).average()
                    .orElse(Double.NaN);
        }
    }

    /** A corpus as sequences of SEQ+1 token ids, the last VAL_BATCHES·BATCH of them held out. */
    record Corpus(String name, String description, int vocab, long[][] sequences) {
    }

    @Override
    public void run() {
        List<Corpus> corpora = List.of(cfgCorpus(), textCorpus());
        List<Variant> variants = only == null ? VARIANTS
                : VARIANTS.stream().filter(v -> only.contains(v.name())).toList();
        StringBuilder report = new StringBuilder();
        report.append(header());
        for (Corpus corpus : corpora) {
            List<Result> results = new ArrayList<>();
            for (Variant v : variants) {
                Result r = train(v, corpus);
                System.out.printf(Locale.ROOT, "%s / %s: final train %.4f, val %.4f, %.1f ms/step, %d activation "
                        + "bytes%n", corpus.name(), v.name(), r.finalTrain(), r.valLoss(), r.stepMs(),
                        r.activationBytes());
                results.add(r);
            }
            report.append(section(corpus, results));
        }
        report.append(timingSection(corpora.get(1), variants));
        write(report.toString());
    }

    static Corpus cfgCorpus() {
        CfgGrammar grammar = CfgGrammar.random(CfgConfig.cfg3(), 11);
        TokenArraySequences packed = grammar.packed(12, 6000, SEQ);
        long[][] seqs = new long[packed.size()][SEQ + 1];
        for (int i = 0; i < seqs.length; i++) {
            packed.read(i, seqs[i], 0);
        }
        return new Corpus("cfg", "synthetic CFG corpus (`CfgConfig.cfg3()`, grammar seed 11, 6000 sentences packed "
                + "with EOS)", grammar.terminals() + 1, seqs);
    }

    static Corpus textCorpus() {
        byte[] bytes;
        try (InputStream in = BundledCorpus.open()) {
            bytes = in.readNBytes(400_000);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the bundled corpus", e);
        }
        int n = bytes.length / (SEQ + 1);
        long[][] seqs = new long[n][SEQ + 1];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t <= SEQ; t++) {
                seqs[i][t] = bytes[i * (SEQ + 1) + t] & 0xff;
            }
        }
        return new Corpus("text", "bundled text (first 400 kB of the KJV, bytes as tokens)", 256, seqs);
    }

    /** Trains one variant with AdamW (lr 3e-3, 15 warm-up steps, cosine to 10%, wd 0.1, clip 1). */
    Result train(Variant v, Corpus corpus) {
        TransformerLM model = new TransformerLM(v.config(corpus.vocab()));
        AdamW opt = AdamW.of(model.namedParameters(), 0.1f);
        int trainSeqs = corpus.sequences().length - VAL_BATCHES * BATCH;
        SplittableRandom rng = new SplittableRandom(5);
        int stepsTotal = steps;
        double[] losses = new double[stepsTotal];
        double[] stepNs = new double[stepsTotal];
        long activation = 0;
        for (int step = 0; step < stepsTotal; step++) {
            Tensor[] batch = batch(corpus, rng, trainSeqs);
            long t0 = System.nanoTime();
            Tensor loss = model.loss(batch[0], batch[1]);
            if (step == 0) {
                activation = loss.graphActivationBytes();
            }
            opt.zeroGrad();
            loss.backward();
            GradientClipping.clipGlobalNorm(model.namedParameters().values(), 1.0);
            opt.step(lr(step, stepsTotal));
            losses[step] = loss.item();
            stepNs[step] = System.nanoTime() - t0;
        }
        double[] timed = Arrays.copyOfRange(stepNs, Math.min(5, stepsTotal - 1), stepsTotal);
        Arrays.sort(timed);
        return new Result(v, model.parameterCount(), losses, validate(model, corpus, trainSeqs),
                timed[timed.length / 2] / 1e6, activation);
    }

    /**
     * Step times measured round-robin: every round runs one training step of each variant in turn, so load changes
     * on a shared machine hit all variants alike; the median over rounds after 3 warm-up steps each.
     */
    private String timingSection(Corpus corpus, List<Variant> variants) {
        List<TransformerLM> models = new ArrayList<>();
        List<AdamW> opts = new ArrayList<>();
        for (Variant v : variants) {
            TransformerLM m = new TransformerLM(v.config(corpus.vocab()));
            models.add(m);
            opts.add(AdamW.of(m.namedParameters(), 0.1f));
        }
        int trainSeqs = corpus.sequences().length - VAL_BATCHES * BATCH;
        SplittableRandom rng = new SplittableRandom(9);
        double[][] ms = new double[variants.size()][timingRounds];
        for (int round = -3; round < timingRounds; round++) {
            Tensor[] batch = batch(corpus, rng, trainSeqs);
            for (int k = 0; k < models.size(); k++) {
                long t0 = System.nanoTime();
                Tensor loss = models.get(k).loss(batch[0], batch[1]);
                opts.get(k).zeroGrad();
                loss.backward();
                GradientClipping.clipGlobalNorm(models.get(k).namedParameters().values(), 1.0);
                opts.get(k).step(1e-3);
                if (round >= 0) {
                    ms[k][round] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        double[] median = new double[variants.size()];
        for (int k = 0; k < median.length; k++) {
            double[] sorted = ms[k].clone();
            Arrays.sort(sorted);
            median[k] = sorted[sorted.length / 2];
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, """
                ## Step time, interleaved

                The step-time columns above come from runs that followed each other while other jobs came and went,
                so they drift. Here each of %d rounds runs one training step of every variant in turn (bundled-text
                models, fresh weights, after 3 warm-up rounds), and the table gives the median per variant and its
                ratio to the baseline's median.

                | variant | median step ms | × baseline | fastest / slowest round ms |
                |---|---|---|---|
                """, timingRounds));
        int base = Math.max(0, variants.indexOf(VARIANTS.get(0)));
        for (int k = 0; k < median.length; k++) {
            double[] sorted = ms[k].clone();
            Arrays.sort(sorted);
            sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.2f | %.1f / %.1f |%n", variants.get(k).name(),
                    median[k], median[k] / median[base], sorted[0], sorted[sorted.length - 1]));
            System.out.printf(Locale.ROOT, "timing / %s: %.1f ms (%.2f×)%n", variants.get(k).name(), median[k],
                    median[k] / median[base]);
        }
        return sb.append('\n').toString();
    }

    static double lr(int step, int total) {
        double peak = 3e-3;
        int warmup = 15;
        if (step < warmup) {
            return peak * (step + 1) / warmup;
        }
        double progress = (double) (step - warmup) / Math.max(1, total - warmup);
        return peak * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }

    static Tensor[] batch(Corpus corpus, SplittableRandom rng, int trainSeqs) {
        long[] in = new long[BATCH * SEQ];
        long[] target = new long[BATCH * SEQ];
        for (int b = 0; b < BATCH; b++) {
            long[] s = corpus.sequences()[rng.nextInt(trainSeqs)];
            System.arraycopy(s, 0, in, b * SEQ, SEQ);
            System.arraycopy(s, 1, target, b * SEQ, SEQ);
        }
        return new Tensor[]{Tensor.ofLongs(in, BATCH, SEQ), Tensor.ofLongs(target, BATCH, SEQ)};
    }

    /** Mean loss over the held-out sequences. */
    static double validate(TransformerLM model, Corpus corpus, int trainSeqs) {
        model.train(false);
        double sum = 0;
        try (var ng = GradMode.noGrad()) {
            for (int k = 0; k < VAL_BATCHES; k++) {
                long[] in = new long[BATCH * SEQ];
                long[] target = new long[BATCH * SEQ];
                for (int b = 0; b < BATCH; b++) {
                    long[] s = corpus.sequences()[trainSeqs + k * BATCH + b];
                    System.arraycopy(s, 0, in, b * SEQ, SEQ);
                    System.arraycopy(s, 1, target, b * SEQ, SEQ);
                }
                sum += model.loss(Tensor.ofLongs(in, BATCH, SEQ), Tensor.ofLongs(target, BATCH, SEQ)).item();
            }
        }
        model.train(true);
        return sum / VAL_BATCHES;
    }

    private String header() {
        return String.format(Locale.ROOT, """
                # Experiment: residual schemes and norm layouts (issue 7)

                Written by `seedling experiment residual-norm --steps %d` (module-cli `ResidualNormExperiment`);
                rerun it to regenerate everything above the discussion. Every variant: d_model 64, 4 blocks, 4 heads
                over 2 kv heads, SwiGLU 172, RMSNorm, `small` init (σ = 1/√(2.5·d), output projections σ/√(2L)),
                seed 1, batch %d × %d tokens, AdamW (β 0.9/0.95, weight decay 0.1 on matrices only — HC/FC static
                matrices, scales and norm gains excluded), lr 3e-3 with 15 warm-up steps and cosine decay to 10%%,
                global-norm clipping at 1, %d steps, the same batches for every variant. *Final train* is the mean
                training loss of the last 10 steps, *val* the mean loss on %d held-out sequences.

                *Step time* is the median wall time of a training step (forward, backward, clipping, AdamW) after 5
                warm-up steps, on a shared, loaded 2-core machine: ratios are indicative only. *Activation memory*
                is `Tensor.graphActivationBytes()` of the loss at step 0: the bytes of the distinct storages of every
                recorded (non-leaf) tensor the autograd graph holds between forward and backward. Seedling keeps
                every op input alive, so this counts somewhat more than PyTorch would save, but it counts the same
                way for every variant; it is deterministic and independent of the garbage collector.

                """, steps, BATCH, SEQ, steps, VAL_BATCHES * BATCH);
    }

    private String section(Corpus corpus, List<Result> results) {
        Result base = results.stream().filter(r -> r.variant().layout().equals("pre")
                && r.variant().residual().equals("plain")).findFirst().orElse(results.get(0));
        StringBuilder sb = new StringBuilder();
        sb.append("## ").append(corpus.name().equals("cfg") ? "Synthetic CFG corpus" : "Bundled text").append("\n\n");
        sb.append(corpus.description()).append(", vocabulary ").append(corpus.vocab()).append(".\n\n");
        sb.append("| variant | config | parameters | final train | val | Δval vs baseline | step ms | step time ×"
                + " | activation MB | activation × |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            Variant v = r.variant();
            String config = "`" + v.layout() + "` / `" + v.residual() + "`"
                    + (v.residual().equals("plain") ? "" : " rate " + v.rate() + (v.dynamic() ? " dynamic" : ""));
            sb.append(String.format(Locale.ROOT,
                    "| %s | %s | %,d | %.4f | %.4f | %+.4f | %.1f | %.2f | %.2f | %.3f |%n",
                    v.name(), config, r.params(), r.finalTrain(), r.valLoss(), r.valLoss() - base.valLoss(),
                    r.stepMs(), r.stepMs() / base.stepMs(), r.activationBytes() / 1e6,
                    (double) r.activationBytes() / base.activationBytes()));
        }
        String svgName = out.getFileName().toString().replace(".md", "-" + corpus.name() + ".svg");
        String csvName = svgName.replace(".svg", ".csv");
        writeFile(out.resolveSibling(svgName), plot(results));
        writeFile(out.resolveSibling(csvName), csv(results));
        sb.append("\n![training loss, ").append(corpus.name()).append("](").append(svgName).append(")\n\n");
        sb.append("Training loss (moving average over 10 steps, from step 10) of every variant; per-step losses in [")
                .append(csvName).append("](").append(csvName).append(").\n\n");
        return sb.toString();
    }

    /** Moving averages over 10 steps from step 10 on (the first steps would squash the interesting range). */
    private static String plot(List<Result> results) {
        List<LinePlot.Series> series = new ArrayList<>();
        for (Result r : results) {
            double[] loss = r.trainLoss();
            int from = Math.min(10, loss.length - 1);
            double[] xs = new double[loss.length - from];
            double[] ys = new double[xs.length];
            for (int i = from; i < loss.length; i++) {
                xs[i - from] = i;
                ys[i - from] = Arrays.stream(loss, Math.max(0, i - 9), i + 1).average().orElse(Double.NaN);
            }
            series.add(new LinePlot.Series(r.variant().name(), xs, ys, false, null));
        }
        return LinePlot.svg("step", series, 900, 480);
    }

    /** Every variant's training loss per step, one column each. */
    private static String csv(List<Result> results) {
        StringBuilder sb = new StringBuilder("step");
        results.forEach(r -> sb.append(',').append(r.variant().name().replace(',', ';')));
        sb.append('\n');
        for (int i = 0; i < results.get(0).trainLoss().length; i++) {
            sb.append(i);
            for (Result r : results) {
                sb.append(String.format(Locale.ROOT, ",%.6f", r.trainLoss()[i]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private void write(String generated) {
        String discussion = MARKER + "\n\n## Discussion\n\n(to be written after a run)\n";
        if (Files.exists(out)) {
            try {
                String old = Files.readString(out);
                int at = old.indexOf(MARKER);
                if (at >= 0) {
                    discussion = old.substring(at);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(out + ": cannot read the existing report", e);
            }
        }
        writeFile(out, generated + discussion);
        System.out.println("wrote " + out.toAbsolutePath());
    }

    private static void writeFile(Path file, String text) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write", e);
        }
    }
}
