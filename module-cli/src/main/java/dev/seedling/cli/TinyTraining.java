package dev.seedling.cli;

import dev.seedling.autograd.GradMode;
import dev.seedling.models.optim.AdamW;
import dev.seedling.models.transformer.TransformerConfig;
import dev.seedling.models.transformer.TransformerLM;
import dev.seedling.tensor.Functional;
import dev.seedling.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The training loop of the tiny experiments: random windows of a token array, AdamW (β 0.9/0.95, weight decay 0.1),
 * linear warm-up then cosine decay to 10%, and a validation loss that is the next-token cross-entropy only (extra
 * multi-token heads train but are not scored), on fixed windows of held-out tokens.
 */
final class TinyTraining {
    /** One run's result: validation loss at each evaluation, and the training throughput. */
    record Run(String label, long parameters, List<double[]> curve, double finalValLoss, double tokensPerSecond) {
    }

    /** Schedule and batch shape. */
    record Plan(int steps, int batch, int seqLen, double lr, int evalEvery, int valWindows, long seed) {
    }

    private TinyTraining() {
    }

    static Run train(String label, TransformerConfig config, long[] train, long[] val, Plan plan) {
        TransformerLM model = new TransformerLM(config);
        AdamW opt = new AdamW(model.namedParameters(), 0.9f, 0.95f, 1e-8f, 0.1f);
        SplittableRandom rng = new SplittableRandom(plan.seed());
        List<double[]> curve = new ArrayList<>();
        long tokens = 0;
        long nanos = 0;
        for (int step = 0; step < plan.steps(); step++) {
            Tensor[] b = batch(train, plan.batch(), plan.seqLen(), rng);
            long t0 = System.nanoTime();
            Tensor loss = model.loss(b[0], b[1]);
            opt.zeroGrad();
            loss.backward();
            opt.step(lr(plan, step));
            nanos += System.nanoTime() - t0;
            tokens += (long) plan.batch() * plan.seqLen();
            if ((step + 1) % plan.evalEvery() == 0 || step + 1 == plan.steps()) {
                curve.add(new double[]{step + 1, validate(model, val, plan)});
                System.out.printf(java.util.Locale.ROOT, "  %-28s step %4d  val %.4f%n", label, step + 1,
                        curve.get(curve.size() - 1)[1]);
            }
        }
        return new Run(label, model.parameterCount(), curve, curve.get(curve.size() - 1)[1], tokens / (nanos / 1e9));
    }

    static double lr(Plan plan, int step) {
        int warmup = Math.max(1, plan.steps() / 10);
        if (step < warmup) {
            return plan.lr() * (step + 1) / warmup;
        }
        double progress = (step - warmup) / (double) Math.max(1, plan.steps() - warmup);
        return plan.lr() * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }

    /** Mean next-token cross-entropy over evenly spaced windows of {@code val}. */
    static double validate(TransformerLM model, long[] val, Plan plan) {
        model.train(false);
        double sum = 0;
        try (var ng = GradMode.noGrad()) {
            int stride = Math.max(1, (val.length - plan.seqLen() - 1) / plan.valWindows());
            for (int w = 0; w < plan.valWindows(); w++) {
                long[] in = java.util.Arrays.copyOfRange(val, w * stride, w * stride + plan.seqLen());
                long[] out = java.util.Arrays.copyOfRange(val, w * stride + 1, w * stride + plan.seqLen() + 1);
                sum += Functional.crossEntropy(model.forward(Tensor.ofLongs(in, 1, in.length), null),
                        Tensor.ofLongs(out, 1, out.length)).item();
            }
        } finally {
            model.train(true);
        }
        return sum / plan.valWindows();
    }

    static Tensor[] batch(long[] tokens, int batch, int len, SplittableRandom rng) {
        long[] in = new long[batch * len];
        long[] out = new long[batch * len];
        for (int b = 0; b < batch; b++) {
            int start = rng.nextInt(tokens.length - len - 1);
            System.arraycopy(tokens, start, in, b * len, len);
            System.arraycopy(tokens, start + 1, out, b * len, len);
        }
        return new Tensor[]{Tensor.ofLongs(in, batch, len), Tensor.ofLongs(out, batch, len)};
    }

    /** The bundled KJV text as bytes (vocabulary 256): the first {@code n} for training, the next 64 KiB held out. */
    static long[][] kjvBytes(int n) {
        try (var in = dev.seedling.data.text.BundledCorpus.open()) {
            byte[] all = in.readNBytes(n + 65_536);
            long[] train = new long[n];
            long[] val = new long[all.length - n];
            for (int i = 0; i < all.length; i++) {
                if (i < n) {
                    train[i] = all[i] & 0xff;
                } else {
                    val[i - n] = all[i] & 0xff;
                }
            }
            return new long[][]{train, val};
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the bundled corpus: " + e.getMessage(), e);
        }
    }
}
