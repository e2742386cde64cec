package dev.seedling.cli;

import dev.seedling.data.synthetic.CfgConfig;
import dev.seedling.data.synthetic.CfgGrammar;
import dev.seedling.models.transformer.MultiTokenConfig;
import dev.seedling.models.transformer.OverEncodingConfig;
import dev.seedling.models.transformer.TransformerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code seedling experiment over-tokenized}: (1) over-encoding's validation loss against the n-gram table size m on
 * a byte-level LM (the paper's log-linear law, Fig. 5); (2) the synthetic CFG experiment: a 3-gram input
 * (over-encoding) and a 3-gram output (over-decoding, as three factorised future-token heads) on a small and a larger
 * model, scored by next-token loss.
 */
@Command(name = "over-tokenized", mixinStandardHelpOptions = true,
        description = "Over-encoding loss vs table size, and the CFG n-gram input/output experiment.")
final class OverTokenizedExperiment implements Runnable {
    @Mixin
    ExperimentOptions options;

    @Override
    public void run() {
        ExperimentReport report = new ExperimentReport(options.out, "Over-Tokenized Transformer at tiny scale");
        tableSize(report);
        cfg(report);
        report.save("over-tokenized.md");
    }

    private void tableSize(ExperimentReport report) {
        long[][] data = TinyTraining.kjvBytes(1_000_000);
        TransformerConfig base = TransformerConfig.small().toBuilder().vocabSize(256).dModel(64).layers(2).heads(4)
                .kvHeads(4).ffnHidden(128).maxSeqLen(64).build();
        var plan = new TinyTraining.Plan(options.steps, 8, 64, 3e-3, Math.max(1, options.steps / 10), 16, 1);
        int[] sizes = {509, 2039, 8191, 32749, 131071};
        TinyTraining.Run plain = TinyTraining.train("baseline", base, data[0], data[1], plan);
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("baseline (no n-gram tables)", "–", Long.toString(plain.parameters()),
                ExperimentReport.f(plain.finalValLoss(), 4)));
        List<double[]> points = new ArrayList<>();
        for (int m : sizes) {
            TransformerConfig c = base.toBuilder().overEncoding(new OverEncodingConfig(3, 2, m, 0, -1)).build();
            TinyTraining.Run r = TinyTraining.train("OE m=" + m, c, data[0], data[1], plan);
            rows.add(List.of("OE N=3 k=2, m = " + m, ExperimentReport.f(Math.log10(m), 2),
                    Long.toString(r.parameters()), ExperimentReport.f(r.finalValLoss(), 4)));
            points.add(new double[]{Math.log10(m), r.finalValLoss()});
        }
        double[] fit = leastSquares(points);
        List<double[]> baseline = List.of(new double[]{points.get(0)[0], plain.finalValLoss()},
                new double[]{points.get(points.size() - 1)[0], plain.finalValLoss()});
        List<double[]> fitted = List.of(new double[]{points.get(0)[0], fit[0] + fit[1] * points.get(0)[0]},
                new double[]{points.get(points.size() - 1)[0], fit[0] + fit[1] * points.get(points.size() - 1)[0]});
        report.text("## 1. Loss against n-gram table size")
                .text("Command: `seedling experiment over-tokenized --steps " + options.steps + "`. Byte-level LM"
                        + " (vocab 256) on 1 MB of the bundled KJV text, validated on the next 64 KiB; d_model 64, 2 layers, 4 "
                        + "heads, SwiGLU 128; batch 8 × 64; AdamW (0.9, 0.95), weight decay 0.1 (not on the n-gram "
                        + "tables), peak LR 3e-3, cosine. Over-encoding: orders 2 and 3, k = 2 slices each (T = 4 "
                        + "tables of m + 2t rows × d/4), averaged with the token embedding as in the paper; the "
                        + "n-gram tables train with row-sparse gradients and lazy Adam. m is prime (coprime with V, "
                        + "avoiding the structured collisions of the paper's Table 4).")
                .table(List.of("model", "log10 m", "parameters", "final val loss"), rows)
                .plot("over-encoding-table-size.svg", "Val loss vs log10(m)", "log10(table rows m)",
                        "val loss (nats)", List.of(new SvgChart.Series("OE (N=3, k=2)", points),
                                new SvgChart.Series(String.format(Locale.ROOT, "fit %.4f·log10 m", fit[1]), fitted),
                                new SvgChart.Series("baseline", baseline)))
                .text(fitVerdict(points, fit, plain.finalValLoss()));
    }

    /** The computed reading of the table-size sweep: slope, residuals against the fitted change, and the baseline. */
    static String fitVerdict(List<double[]> points, double[] fit, double baseline) {
        double maxResidual = points.stream().mapToDouble(p -> Math.abs(p[1] - fit[0] - fit[1] * p[0])).max()
                .orElseThrow();
        double span = Math.abs(fit[1]) * (points.get(points.size() - 1)[0] - points.get(0)[0]);
        double best = points.stream().mapToDouble(p -> p[1]).min().orElseThrow();
        return String.format(Locale.ROOT, "Least-squares fit over the OE runs: L = %.4f %+.4f·log10(m), i.e. %+.4f "
                        + "per 4× m (paper, OLMoE-1.3B at 500B tokens: −0.0256·log10 m, about −0.015 per 4× m). The "
                        + "largest residual is %.4f nats against a fitted change of %.4f across the sweep: %s "
                        + "Best OE vs baseline: %+.4f nats — %s", fit[0], fit[1], fit[1] * Math.log10(4), maxResidual,
                span, maxResidual > span / 2
                        ? "the scatter around the fit is larger than the trend, so this single-seed sweep neither "
                        + "shows nor refutes the log-linear law."
                        : fit[1] < 0 ? "the loss falls roughly log-linearly with m." : "no decrease with m appears.",
                best - baseline, best < baseline ? "over-encoding helps at this scale."
                        : "every over-encoded model is worse than the baseline here. At a few hundred steps most "
                        + "table rows are seen only a handful of times, and averaging the token embedding with "
                        + "1 + T = 5 streams (the paper's combination) shrinks the embedding the tied output head "
                        + "shares (the spec's pitfall 8); the paper's gains come after 500B tokens.");
    }

    private void cfg(ExperimentReport report) {
        CfgGrammar grammar = CfgGrammar.random(CfgConfig.cfg3(), 3);
        int eos = grammar.terminals();
        long[] train = cfgTokens(grammar, 11, 3000, eos);
        long[] val = cfgTokens(grammar, 12, 100, eos);
        int vocab = eos + 1;
        TransformerConfig small = TransformerConfig.small().toBuilder().vocabSize(vocab).dModel(32).layers(1)
                .heads(2).kvHeads(2).ffnHidden(64).maxSeqLen(128).build();
        TransformerConfig larger = TransformerConfig.small().toBuilder().vocabSize(vocab).dModel(96).layers(2)
                .heads(4).kvHeads(4).ffnHidden(256).maxSeqLen(128).build();
        var plan = new TinyTraining.Plan(options.steps, 8, 128, 3e-3, Math.max(1, options.steps / 10), 24, 2);
        List<List<String>> rows = new ArrayList<>();
        List<SvgChart.Series> series = new ArrayList<>();
        StringBuilder verdict = new StringBuilder();
        for (var size : List.of(new Object[]{"small", small}, new Object[]{"larger", larger})) {
            TransformerConfig c = (TransformerConfig) size[1];
            double baseLoss = Double.NaN;
            for (String variant : List.of("baseline", "3-gram input (OE)", "3-gram output (3 heads)")) {
                TransformerConfig v = switch (variant) {
                    case "baseline" -> c;
                    case "3-gram input (OE)" -> c.toBuilder().overEncoding(
                            new OverEncodingConfig(3, 1, 67, 0, eos)).build();
                    default -> c.toBuilder().multiToken(new MultiTokenConfig("parallel", 3, List.of(1f, 1f))).build();
                };
                TinyTraining.Run r = TinyTraining.train(size[0] + " " + variant, v, train, val, plan);
                if (variant.equals("baseline")) {
                    baseLoss = r.finalValLoss();
                } else {
                    verdict.append(String.format(Locale.ROOT, "%s model, %s: %+.4f nats vs baseline (%s). ", size[0],
                            variant, r.finalValLoss() - baseLoss, r.finalValLoss() < baseLoss ? "helps" : "hurts"));
                }
                rows.add(List.of((String) size[0], variant, Long.toString(r.parameters()),
                        ExperimentReport.f(r.finalValLoss(), 4)));
                series.add(new SvgChart.Series(size[0] + ": " + variant, r.curve()));
            }
        }
        report.text("## 2. The CFG experiment: n-gram input vs n-gram output")
                .text("Data: sentences of a random cfg3-shaped grammar (`CfgConfig.cfg3()`, seed 3: 3 terminals, "
                        + "levels 1-3-3-3-3-3, sentences of 64–729 tokens), each followed by an EOS token (vocabulary "
                        + "4), 3000 training and 100 validation sentences, windows of 128 tokens. Models: \"small\" "
                        + "(d 32, 1 layer) and \"larger\" (d 96, 2 layers) — far below the paper's 2.4M and 85M "
                        + "GPT-2s. 3-gram input: over-encoding with orders 2–3, one slice each, m = 67 (≥ the 64 "
                        + "possible 3-grams, so no collisions), n-grams cut at EOS. 3-gram output: the paper's "
                        + "over-decoding approximated by factorised heads for x_{t+1}, x_{t+2}, x_{t+3} with weights "
                        + "1, 1, 1. Every model is scored by its next-token validation loss only.")
                .table(List.of("model", "variant", "parameters", "final next-token val loss"), rows)
                .plot("over-tokenized-cfg.svg", "CFG: next-token val loss", "step", "val loss (nats)", series)
                .text("Outcome (computed): " + verdict + "Paper: the 3-gram input helps both model sizes; the 3-gram "
                        + "output hurts the small model and helps the large one. Our larger model is still tiny, so "
                        + "the second half of the claim is not tested at the paper's scale.");
    }

    private static long[] cfgTokens(CfgGrammar grammar, long seed, int sentences, int eos) {
        List<int[]> docs = grammar.corpus(seed, sentences);
        int n = docs.stream().mapToInt(d -> d.length + 1).sum();
        long[] out = new long[n];
        int i = 0;
        for (int[] d : docs) {
            for (int t : d) {
                out[i++] = t;
            }
            out[i++] = eos;
        }
        return out;
    }

    /** {intercept, slope} of y on x. */
    static double[] leastSquares(List<double[]> points) {
        double mx = points.stream().mapToDouble(p -> p[0]).average().orElseThrow();
        double my = points.stream().mapToDouble(p -> p[1]).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        for (double[] p : points) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
        }
        double slope = sxy / sxx;
        return new double[]{my - slope * mx, slope};
    }
}
