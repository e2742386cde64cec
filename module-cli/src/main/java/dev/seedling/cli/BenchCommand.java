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
        subcommands = {BenchCommand.Gemm.class, BenchCommand.LmStep.class, BenchDecodeCommand.class,
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

    /**
     * The training step of torch_lm_step.py's model (vocab 256, d 256, 4 layers, 4 heads, SwiGLU 688, seq 128, batch
     * 8, AdamW, fp32, tied embeddings, RoPE, RMSNorm): forward, cross-entropy, backward and the AdamW update, timed
     * per step after warm-up; prints the median and mean, and the process's peak resident memory (VmHWM).
     */
    @Command(name = "lm-step", aliases = "train-step", mixinStandardHelpOptions = true,
            description = "Training-step time and peak RSS of the small LM preset of torch_lm_step.py.")
    static final class LmStep implements Runnable {
        @Option(names = "--steps", description = "timed steps (default ${DEFAULT-VALUE})")
        int steps = 10;
        @Option(names = "--warmup", description = "untimed steps first (default ${DEFAULT-VALUE})")
        int warmup = 5;
        @Option(names = "--batch", description = "sequences per step (default ${DEFAULT-VALUE})")
        int batch = 8;

        @Override
        public void run() {
            TransformerConfig c = TransformerConfig.small();
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
            double[] cpuMs = new double[warmup + steps];
            var os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            for (int s = 0; s < ms.length; s++) {
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                Tensor loss = model.loss(in, target);
                opt.zeroGrad();
                loss.backward();
                opt.step(1e-3);
                try (var ng = GradMode.noGrad()) {
                    loss.item();
                }
                ms[s] = (System.nanoTime() - t0) / 1e6;
                cpuMs[s] = (os.getProcessCpuTime() - c0) / 1e6;
            }
            double[] timed = Arrays.copyOfRange(ms, warmup, ms.length);
            double mean = Arrays.stream(timed).average().orElse(Double.NaN);
            double median = median(timed);
            // CPU seconds of the whole process (all threads, GC and JIT included) per step: on a shared machine the
            // wall clock also counts time spent waiting for a core
            System.out.printf(Locale.ROOT, "seedling lm-step backend=%s params=%d batch=%d seq=%d steps=%d "
                            + "median_ms=%.1f mean_ms=%.1f cpu_ms=%.1f tokens_per_s=%.0f peak_rss_mb=%s%n",
                    dev.seedling.Seedling.backend().name(), model.parameterCount(), batch, t, steps, median, mean,
                    median(Arrays.copyOfRange(cpuMs, warmup, cpuMs.length)), batch * t / (median / 1000),
                    peakRssMb());
        }

        private static double median(double[] xs) {
            double[] sorted = xs.clone();
            Arrays.sort(sorted);
            return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        }
    }

    /** The process's peak resident set (VmHWM of /proc/self/status) in MiB, or "n/a" where there is none. */
    static String peakRssMb() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.1f", kb / 1024.0);
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return "n/a";
        }
        return "n/a";
    }
}
