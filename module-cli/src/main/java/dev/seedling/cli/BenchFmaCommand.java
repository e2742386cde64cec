package dev.seedling.cli;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;

/**
 * {@code seedling bench fma}: the floating-point ceiling of this machine right now. Each thread runs twelve
 * independent chains of vector FMAs on registers (no memory traffic), so the figure is the FMA throughput the cores
 * give, which is what {@code bench gemm} and {@code bench lm-step} are bounded by. Printed for one thread and for
 * {@code --threads} threads running at once: on a dedicated machine the second is the first times the thread count;
 * on a shared VM whose vCPUs share physical cores with other guests it can fall to about the first
 * (docs/PERFORMANCE.md). The lm-step benchmark script prints it every round so its ratios can be read against it.
 */
@Command(name = "fma", mixinStandardHelpOptions = true,
        description = "Peak FMA throughput (GFLOP/s) on one thread and on several at once, measured now.")
final class BenchFmaCommand implements Runnable {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** FMA steps per call of {@link #chains}: about a millisecond, so a thread checks the clock rarely. */
    private static final int STEPS = 1 << 16;
    /** Where the chains' results go, so C2 cannot drop the loop. */
    private static volatile float sink;

    @Option(names = "--threads", description = "threads of the parallel figure (default: available processors, "
            + "${DEFAULT-VALUE})")
    int threads = Runtime.getRuntime().availableProcessors();
    @Option(names = "--millis", description = "measured time per figure (default ${DEFAULT-VALUE})")
    int millis = 500;

    @Override
    public void run() {
        if (threads < 1 || millis < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "bench fma: --threads and --millis must be positive, got " + threads + " and " + millis);
        }
        measure(1, 300);                                            // warm-up: C2 compiles the chains
        for (int t : threads == 1 ? List.of(1) : List.of(1, threads)) {
            double[] perThread = measure(t, millis);
            double total = 0;
            double slowest = Double.MAX_VALUE;
            for (double g : perThread) {
                total += g;
                slowest = Math.min(slowest, g);
            }
            System.out.printf(Locale.ROOT, "seedling fma threads=%d gflops=%.1f slowest_thread_gflops=%.1f "
                    + "lanes=%d millis=%d%n", t, total, slowest, S.length(), millis);
        }
    }

    /** GFLOP/s of each of {@code n} threads that start together and run for {@code millis}. */
    private static double[] measure(int n, int millis) {
        double[] gflops = new double[n];
        CyclicBarrier start = new CyclicBarrier(n);
        List<Thread> team = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = i;
            team.add(Thread.ofPlatform().name("seedling-fma-" + i).start(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException("bench fma: thread " + id + " could not start", e);
                }
                long t0 = System.nanoTime();
                long deadline = t0 + millis * 1_000_000L;
                long calls = 0;
                long now;
                do {
                    sink = chains(STEPS);
                    calls++;
                    now = System.nanoTime();
                } while (now < deadline);
                gflops[id] = calls * STEPS * 12.0 * S.length() * 2 / (now - t0);  // 12 chains × lanes × 2 flops
            }));
        }
        for (Thread t : team) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("bench fma: interrupted", e);
            }
        }
        return gflops;
    }

    /**
     * {@code steps} rounds of twelve independent FMAs {@code x += b·c}, the accumulator as the addend as in a GEMM
     * micro-kernel: C2 then emits one {@code vfmadd231ps} per chain on a register it keeps. (Written {@code x = x·b + c}
     * instead, C2 copies {@code c} into a scratch register for every FMA and spills the chains: 57 against 92 GFLOP/s.)
     * Twelve chains cover an FMA latency of up to six cycles on two ports; the sums stay small and normal.
     */
    private static float chains(int steps) {
        FloatVector b = FloatVector.broadcast(S, 1e-3f);
        FloatVector c = FloatVector.broadcast(S, 1e-3f);
        FloatVector x0 = FloatVector.broadcast(S, 0.5f), x1 = x0, x2 = x0, x3 = x0, x4 = x0, x5 = x0;
        FloatVector x6 = x0, x7 = x0, x8 = x0, x9 = x0, x10 = x0, x11 = x0;
        for (int s = 0; s < steps; s++) {
            x0 = b.fma(c, x0);
            x1 = b.fma(c, x1);
            x2 = b.fma(c, x2);
            x3 = b.fma(c, x3);
            x4 = b.fma(c, x4);
            x5 = b.fma(c, x5);
            x6 = b.fma(c, x6);
            x7 = b.fma(c, x7);
            x8 = b.fma(c, x8);
            x9 = b.fma(c, x9);
            x10 = b.fma(c, x10);
            x11 = b.fma(c, x11);
        }
        return x0.add(x1).add(x2).add(x3).add(x4).add(x5).add(x6).add(x7).add(x8).add(x9).add(x10).add(x11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
