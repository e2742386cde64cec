package dev.seedling.cli;

import dev.seedling.autograd.GradMode;
import dev.seedling.models.optim.AdamW;
import dev.seedling.models.transformer.TransformerConfig;
import dev.seedling.models.transformer.TransformerLM;
import dev.seedling.tensor.Generator;
import dev.seedling.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Arrays;
import java.util.Locale;

/**
 * {@code seedling bench}: whole-job figures, one machine-readable line each, to set beside the native peers in
 * {@code ../shared/bench} ({@code numpy_gemm.py}, {@code torch_lm_step.py}); see {@code docs/PERFORMANCE.md}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks printed as one machine-readable line per figure.",
        subcommands = {BenchCommand.Gemm.class, BenchCommand.TrainStep.class, BenchDecodeCommand.class,
                BenchMemoryTrainCommand.class})
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Square SGEMM, best of 7 after 2 warm-ups, as numpy_gemm.py measures OpenBLAS. */
    @Command(name = "gemm", mixinStandardHelpOptions = true, description = "SGEMM GFLOP/s for square sizes.")
    static final class Gemm implements Runnable {
        @Parameters(arity = "0..*", description = "matrix sizes (default 256 512 1024)")
        int[] sizes = {256, 512, 1024};

        @Override
        public void run() {
            Generator g = new Generator(0);
            for (int n : sizes) {
                Tensor a = Tensor.rand(g, n, n);
                Tensor b = Tensor.rand(g, n, n);
                for (int i = 0; i < 2; i++) {
                    sync(a.matmul(b));
                }
                long best = Long.MAX_VALUE;
                for (int i = 0; i < 7; i++) {
                    long t = System.nanoTime();
                    sync(a.matmul(b));
                    best = Math.min(best, System.nanoTime() - t);
                }
                System.out.printf(Locale.ROOT, "seedling gemm %d %.1f GFLOP/s backend=%s%n", n,
                        2.0 * n * n * n / best, a.backend().name());
            }
        }
    }

    /**
     * Waits for a result by reading one element: a device backend (OpenCL) queues kernels asynchronously, so a timer
     * must stop only once the product is really computed.
     */
    static void sync(Tensor t) {
        t.reshape(-1).narrow(0, 0, 1).toFloatArray();
    }

    /** The training step of torch_lm_step.py's model, AdamW included; mean of 10 steps after 3 warm-ups. */
    @Command(name = "train-step", mixinStandardHelpOptions = true,
            description = "Training-step time of the small LM preset (vocab 256, d 256, 4 layers, seq 128, batch 8).")
    static final class TrainStep implements Runnable {
        @Option(names = "--steps", description = "timed steps (default ${DEFAULT-VALUE})")
        int steps = 10;
        @Option(names = "--warmup", description = "untimed steps first (default ${DEFAULT-VALUE})")
        int warmup = 3;

        @Override
        public void run() {
            TransformerConfig c = TransformerConfig.small();
            int batch = 8;
            int t = c.maxSeqLen();
            TransformerLM model = new TransformerLM(c);
            AdamW opt = AdamW.of(model.namedParameters(), 0.1f);
            Generator g = new Generator(1);
            long[] ids = new long[batch * (t + 1)];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = g.nextInt(c.vocabSize());
            }
            Tensor all = Tensor.ofLongs(ids, batch, t + 1);
            Tensor in = all.narrow(1, 0, t).contiguous();
            Tensor target = all.narrow(1, 1, t).contiguous();
            double[] ms = new double[warmup + steps];
            for (int s = 0; s < ms.length; s++) {
                long t0 = System.nanoTime();
                Tensor loss = model.loss(in, target);
                opt.zeroGrad();
                loss.backward();
                opt.step(1e-3);
                try (var ng = GradMode.noGrad()) {
                    loss.item();
                }
                ms[s] = (System.nanoTime() - t0) / 1e6;
            }
            double[] timed = Arrays.copyOfRange(ms, warmup, ms.length);
            double mean = Arrays.stream(timed).average().orElse(Double.NaN);
            double[] sorted = timed.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "seedling train-step backend=%s params=%d step_ms=%.1f median_ms=%.1f "
                            + "tokens_per_s=%.0f%n", dev.seedling.Seedling.backend().name(), model.parameterCount(),
                    mean, sorted[sorted.length / 2], batch * t / (mean / 1000));
        }
    }
}
