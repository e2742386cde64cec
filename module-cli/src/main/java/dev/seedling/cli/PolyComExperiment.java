package dev.seedling.cli;

import dev.seedling.models.ffn.PolyFeedForward;
import dev.seedling.models.transformer.TransformerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code seedling experiment polycom}: PolyNorm and PolyReLU against SwiGLU and GELU in the same tiny byte-level LM on
 * the bundled KJV text, at equal FFN parameters (SwiGLU hidden h; GELU, PolyReLU and PolyNorm hidden 1.5h).
 */
@Command(name = "polycom", mixinStandardHelpOptions = true,
        description = "PolyNorm / PolyReLU vs SwiGLU / GELU on a tiny byte-level LM (report in docs/experiments).")
final class PolyComExperiment implements Runnable {
    @Mixin
    ExperimentOptions options;

    @Option(names = "--seeds", description = "seeds per variant (default ${DEFAULT-VALUE})")
    int seeds = 1;

    @Override
    public void run() {
        int steps = options.steps;
        long[][] data = TinyTraining.kjvBytes(1_000_000);
        int swigluHidden = 128;
        TransformerConfig base = TransformerConfig.small().toBuilder().vocabSize(256).dModel(64).layers(2).heads(4)
                .kvHeads(4).maxSeqLen(64).build();
        var plan = new TinyTraining.Plan(steps, 8, 64, 3e-3, Math.max(1, steps / 10), 16, 1);
        List<String[]> variants = List.of(new String[]{"swiglu", "" + swigluHidden},
                new String[]{"gelu", "" + PolyFeedForward.matchedHidden(swigluHidden)},
                new String[]{"polyrelu", "" + PolyFeedForward.matchedHidden(swigluHidden)},
                new String[]{"polynorm", "" + PolyFeedForward.matchedHidden(swigluHidden)});
        List<List<String>> rows = new ArrayList<>();
        List<SvgChart.Series> series = new ArrayList<>();
        double swiglu = Double.NaN;
        double spread = 0;
        StringBuilder verdict = new StringBuilder();
        for (String[] v : variants) {
            double sum = 0;
            double lo = Double.MAX_VALUE;
            double hi = -Double.MAX_VALUE;
            TinyTraining.Run last = null;
            for (int s = 0; s < seeds; s++) {
                TransformerConfig c = base.toBuilder().ffn(v[0]).ffnHidden(Integer.parseInt(v[1])).seed(s).build();
                last = TinyTraining.train(v[0] + " seed " + s, c, data[0], data[1],
                        new TinyTraining.Plan(plan.steps(), plan.batch(), plan.seqLen(), plan.lr(), plan.evalEvery(),
                                plan.valWindows(), 100 + s));
                sum += last.finalValLoss();
                lo = Math.min(lo, last.finalValLoss());
                hi = Math.max(hi, last.finalValLoss());
            }
            spread = Math.max(spread, hi - lo);
            double mean = sum / seeds;
            if (v[0].equals("swiglu")) {
                swiglu = mean;
            } else {
                verdict.append(String.format(java.util.Locale.ROOT, "%s %s SwiGLU by %.4f nats; ", v[0],
                        mean < swiglu ? "beats" : "trails", Math.abs(mean - swiglu)));
            }
            rows.add(List.of(v[0], v[1], Long.toString(last.parameters()), ExperimentReport.f(mean, 4),
                    ExperimentReport.f(last.tokensPerSecond(), 0)));
            series.add(new SvgChart.Series(v[0], last.curve()));
        }
        new ExperimentReport(options.out, "PolyCom at tiny scale: PolyNorm and PolyReLU vs SwiGLU and GELU")
                .text("Command: `seedling experiment polycom --steps " + steps + " --seeds " + seeds + "`. "
                        + "Byte-level LM (vocab 256) on the first 1 MB of the bundled KJV text, validated on the next "
                        + "64 KiB (16 windows of 64 bytes, next-token cross-entropy in nats). d_model 64, 2 layers, "
                        + "4 heads, Pre-Norm RMSNorm, RoPE, tied embeddings; batch 8 × 64 tokens; AdamW (0.9, 0.95), "
                        + "weight decay 0.1, peak LR 3e-3 with 10% warm-up and cosine decay to 10%. FFN widths are "
                        + "parameter-matched as in the paper: SwiGLU hidden 128, the gate-free FFNs 1.5× = 192. "
                        + "PolyCom coefficients start at 1/3 (a0 = 0) and are not decayed. Tokens/s is the training "
                        + "throughput measured on a shared, heavily loaded 2-core machine: compare it only within "
                        + "this table.")
                .table(List.of("FFN", "hidden", "parameters", "final val loss (mean of " + seeds + ")",
                        "train tokens/s"), rows)
                .plot("polycom.svg", "Validation loss (seed 0)", "step", "val loss (nats)", series)
                .text("Outcome (computed): " + verdict.toString().replaceAll("; $", ".")
                        + " The paper's claim (PolyNorm < SwiGLU in loss at 1B scale after 100B+ tokens) concerns a "
                        + "regime many orders of magnitude larger. " + (seeds == 1
                        ? "With one seed per variant the seed-to-seed spread is not measured here (rerun with "
                        + "--seeds 3 for it), so read the ranking as a functional check (every variant trains "
                        + "stably at matched parameters), not as evidence for or against the claim."
                        : String.format(java.util.Locale.ROOT, "The largest seed-to-seed spread of one variant "
                        + "was %.4f nats; differences smaller than that are noise.", spread)))
                .save("polycom.md");
    }
}
