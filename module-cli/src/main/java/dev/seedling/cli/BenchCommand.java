package dev.seedling.cli;

import dev.seedling.models.Parameter;
import dev.seedling.models.optim.AdamW;
import dev.seedling.models.transformer.TransformerConfig;
import dev.seedling.models.transformer.TransformerLM;
import dev.seedling.tensor.Generator;
import dev.seedling.tensor.Tensor;
import dev.seedling.tensor.TensorScope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code seedling bench}: whole-job figures, one machine-readable line each, to set beside the native peers in
 * {@code ../shared/bench} ({@code numpy_gemm.py}, {@code torch_lm_step.py}); see {@code docs/PERFORMANCE.md}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks printed as one machine-readable line per figure.",
        subcommands = {BenchCommand.Gemm.class, BenchCommand.LmStep.class, BenchDecodeCommand.class,
                BenchMemoryTrainCommand.class, BenchFmaCommand.class})
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /**
     * SGEMM throughput through {@code Tensor.matmul}: square sizes and the small LM's training shapes (forward
     * {@code x·Wᵀ}, input gradient {@code g·W}, weight gradient {@code gᵀ·x}, attention). One line per figure: median
     * and best GFLOP/s over the timed repetitions; {@code tools/bench/gemm-vs-numpy.sh} sets it beside OpenBLAS.
     */
    @Command(name = "gemm", mixinStandardHelpOptions = true,
            description = "SGEMM GFLOP/s (median and best) for square sizes and named shapes.")
    static final class Gemm implements Runnable {
        /** The LM preset's products: 8×128 tokens, d 256, SwiGLU 688, 4 heads of 64. */
        static final List<String> LM_SHAPES = List.of("1024x256x256:nt", "1024x688x256:nt", "1024x256x688:nt",
                "1024x256x688:nn", "1024x688x256:nn", "256x256x1024:tn", "688x256x1024:tn", "256x688x1024:tn",
                "32*128x128x64:nt", "32*128x64x128:nn");

        @Parameters(arity = "0..*", paramLabel = "SIZE", description = "square sizes (same as --size)")
        List<Integer> positional = new ArrayList<>();
        @Option(names = "--size", split = ",", paramLabel = "N",
                description = "square N×N·N×N products (default 256,512,1024,2048 when no shape is given)")
        List<Integer> sizes = new ArrayList<>();
        @Option(names = "--shape", split = ",", paramLabel = "[B*]MxNxK[:nn|nt|tn|tt]",
                description = "C[m×n] = op(A)·op(B), B batch entries; t = that operand is a transposed view")
        List<String> shapes = new ArrayList<>();
        @Option(names = "--lm-shapes", description = "add the LM preset's training products")
        boolean lmShapes;
        @Option(names = "--reps", description = "timed repetitions (default ${DEFAULT-VALUE})")
        int reps = 9;
        @Option(names = "--clock", description = "wall (elapsed time) or cpu (CPU time of the whole process: "
                + "GFLOP per CPU-second, steadier on a loaded machine; default ${DEFAULT-VALUE})")
        String clock = "wall";
        @Option(names = "--warmup", description = "untimed repetitions first (default ${DEFAULT-VALUE}); warm-up then "
                + "goes on until the JIT has compiled nothing for half a second (at most 20 s)")
        int warmup = 3;

        @Override
        public void run() {
            List<String> all = new ArrayList<>();
            List<Integer> square = new ArrayList<>(positional);
            square.addAll(sizes);
            if (square.isEmpty() && shapes.isEmpty() && !lmShapes) {
                square.addAll(List.of(256, 512, 1024, 2048));
            }
            square.forEach(n -> all.add(n + "x" + n + "x" + n));
            all.addAll(shapes);
            if (lmShapes) {
                all.addAll(LM_SHAPES);
            }
            Generator g = new Generator(0);
            for (String shape : all) {
                measure(shape, g);
            }
        }

        private void measure(String shape, Generator g) {
            var m = java.util.regex.Pattern.compile("(?:(\\d+)\\*)?(\\d+)x(\\d+)x(\\d+)(?::([nt])([nt]))?")
                    .matcher(shape.trim());
            if (!m.matches()) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "bench gemm: shape '" + shape + "' is not [B*]MxNxK[:nn|nt|tn|tt]");
            }
            int batch = m.group(1) == null ? 1 : Integer.parseInt(m.group(1));
            int rows = Integer.parseInt(m.group(2));
            int cols = Integer.parseInt(m.group(3));
            int depth = Integer.parseInt(m.group(4));
            boolean transA = "t".equals(m.group(5));
            boolean transB = "t".equals(m.group(6));
            // a transposed operand is a view of a matrix stored the other way round, as autograd produces them
            Tensor a = transA ? Tensor.rand(g, batch, depth, rows).mT() : Tensor.rand(g, batch, rows, depth);
            Tensor b = transB ? Tensor.rand(g, batch, cols, depth).mT() : Tensor.rand(g, batch, depth, cols);
            if (batch == 1) {
                a = a.squeeze(0);
                b = b.squeeze(0);
            }
            double flops = 2.0 * batch * rows * cols * depth;
            Tensor left = a;
            Tensor right = b;
            warmUp(warmup, () -> sync(left.matmul(right)));
            // the process CPU clock ticks coarsely: a CPU-time sample spans enough products for about 4 GFLOP
            int perSample = "cpu".equals(clock) ? (int) Math.max(1, Math.ceil(4e9 / flops)) : 1;
            double[] gflops = new double[reps];
            for (int i = 0; i < reps; i++) {
                long t = now();
                for (int j = 0; j < perSample; j++) {
                    sync(a.matmul(b));
                }
                gflops[i] = flops * perSample / (now() - t);
            }
            Arrays.sort(gflops);
            String form = (transA ? "t" : "n") + (transB ? "t" : "n");
            String size = rows == cols && cols == depth && batch == 1 && !transA && !transB ? Integer.toString(rows)
                    : (batch == 1 ? "" : batch + "*") + rows + "x" + cols + "x" + depth + ":" + form;
            System.out.printf(Locale.ROOT,
                    "seedling gemm %s median_gflops=%.1f best_gflops=%.1f reps=%d clock=%s backend=%s%n", size,
                    gflops[reps / 2], gflops[reps - 1], reps, clock, a.backend().name());
        }

        private long now() {
            return switch (clock) {
                case "wall" -> System.nanoTime();
                case "cpu" -> ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
                default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "bench gemm: --clock must be wall or cpu, got '" + clock + "'");
            };
        }
    }

    /**
     * Runs {@code body} at least {@code reps} times and then until the JIT has been quiet: no compilation finished in
     * the last half second (at most 20 s in all; a fixed 2 s where the JVM does not report compilation time). On a
     * two-core machine C2's compiler threads take a core from the measured code for several seconds after start-up,
     * and a fixed half second of warm-up halved the 256³ figure (docs/PERFORMANCE.md).
     */
    static void warmUp(int reps, Runnable body) {
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        boolean monitored = jit != null && jit.isCompilationTimeMonitoringSupported();
        long start = System.nanoTime();
        long quietSince = start;
        long compiled = monitored ? jit.getTotalCompilationTime() : 0;
        for (int i = 0; ; i++) {
            body.run();
            long now = System.nanoTime();
            if (monitored) {
                long c = jit.getTotalCompilationTime();
                if (c != compiled) {
                    compiled = c;
                    quietSince = now;
                }
            }
            boolean settled = monitored ? now - quietSince >= 500_000_000L : now - start >= 2_000_000_000L;
            if (i + 1 >= reps && settled || now - start >= 20_000_000_000L) {
                return;
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
            List<Tensor> parameters = model.namedParameters().values().stream().map(Parameter::value).toList();
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
                // as Trainer does: the step's activations go back to the backend when the scope closes, its
                // gradients once the update has used them
                try (var scope = TensorScope.open()) {
                    Tensor loss = model.loss(in, target);
                    loss.backward();
                    scope.keepGradients(parameters);
                    loss.item();
                }
                opt.step(1e-3);
                opt.releaseGradients();
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
