package dev.seedling.bench.fused;

import dev.seedling.Seedling;
import dev.seedling.tensor.Tensor;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The companion of {@link FusedKernelBenchmark} for shared machines: the same bodies, fused and composite calls
 * interleaved, each timed in CPU time of the calling thread (run with {@code -Dseedling.threads=1} so that all the work
 * is on that thread). Wall-clock JMH figures on a machine whose load far exceeds its cores measure the scheduler;
 * per-thread CPU time and interleaving keep the ratio meaningful. Prints one line per op: median µs of each path and
 * the ratio fused/composite. A main, not a test: nothing asserts timing.
 *
 * <p>With {@code -Dseedling.bench.clock=wall} each call is timed in wall-clock time instead and ends by reading one
 * value back from the current backend: for a backend whose kernels run on other threads or a device (OpenCL, chosen
 * with {@code SEEDLING_BACKEND=opencl}), where the calling thread's CPU time would miss the work and a call returns
 * before its queued kernels finish.
 *
 * <p>Usage: {@code FusedKernelCpuTime [iterations=30] [op ...]}
 */
public final class FusedKernelCpuTime {
    private FusedKernelCpuTime() {
    }

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        String[] ops = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length)
                : new String[]{"softmax", "logSoftmax", "crossEntropy", "rmsNorm", "layerNorm", "swiglu", "rope",
                        "attention", "adamw", "embeddingBackward"};
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean wall = "wall".equals(System.getProperty("seedling.bench.clock"));
        LongSupplier clock = wall ? System::nanoTime : threads::getCurrentThreadCpuTime;
        System.out.println("threads=" + System.getProperty("seedling.threads", "default") + " load="
                + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() + " clock="
                + (wall ? "wall" : "thread-cpu") + " backend=" + Seedling.backend().name());
        for (String op : ops) {
            FusedKernelBenchmark fused = bench(op, "fused");
            FusedKernelBenchmark composite = bench(op, "composite");
            double[] f = new double[iterations];
            double[] c = new double[iterations];
            for (int i = -iterations / 2; i < iterations; i++) {   // the first half-round warms up C2
                long t0 = clock.getAsLong();
                fused.forwardAndBackward();
                finish(wall);
                long t1 = clock.getAsLong();
                composite.forwardAndBackward();
                finish(wall);
                long t2 = clock.getAsLong();
                if (i >= 0) {
                    f[i] = (t1 - t0) / 1e3;
                    c[i] = (t2 - t1) / 1e3;
                }
            }
            double mf = median(f);
            double mc = median(c);
            System.out.printf(Locale.ROOT, "fused-kernel %-18s fused_us=%.0f composite_us=%.0f ratio=%.2f%n", op, mf, mc,
                    mf / mc);
        }
    }

    /** In wall-clock mode, waits for the queued work: a read from the current backend runs after it. */
    private static void finish(boolean wall) {
        if (wall) {
            Tensor.zeros(1).item();
        }
    }

    private static FusedKernelBenchmark bench(String op, String path) {
        FusedKernelBenchmark b = new FusedKernelBenchmark();
        b.op = op;
        b.path = path;
        b.setUp();
        return b;
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
