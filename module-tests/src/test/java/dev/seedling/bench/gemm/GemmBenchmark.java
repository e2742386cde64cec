package dev.seedling.bench.gemm;

import dev.seedling.tensor.Generator;
import dev.seedling.tensor.Tensor;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * SGEMM through {@code Tensor.matmul} on the default backend, as products per second: square sizes and the products
 * of the LM preset's training step (8×128 tokens, d 256, SwiGLU 688, 4 heads of 64), in the forms autograd produces
 * them ({@code x·Wᵀ} forward, {@code g·W} input gradient, {@code gᵀ·x} weight gradient, batched attention). The
 * {@code gflop} counter reports GFLOP/s directly (JMH prints it as {@code gflop ops/s}).
 *
 * <p>Run: see docs/PERFORMANCE.md ("CPU: SGEMM").
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class GemmBenchmark {

    /** Square {@code n×n · n×n}. */
    @State(Scope.Benchmark)
    public static class Square {
        @Param({"256", "512", "1024", "2048"})
        public int n;
        Operands operands;

        @Setup(Level.Trial)
        public void setUp() {
            operands = Operands.of(n + "x" + n + "x" + n);
        }
    }

    /** The LM step's products, {@code [B*]MxNxK:form} with {@code t} marking a transposed view. */
    @State(Scope.Benchmark)
    public static class LmShape {
        @Param({"1024x256x256:nt", "1024x688x256:nt", "1024x256x688:nt", "1024x256x688:nn", "1024x688x256:nn",
                "256x256x1024:tn", "688x256x1024:tn", "256x688x1024:tn", "32*128x128x64:nt", "32*128x64x128:nn"})
        public String shape;
        Operands operands;

        @Setup(Level.Trial)
        public void setUp() {
            operands = Operands.of(shape);
        }
    }

    /** Floating-point work done, as a rate: JMH reports {@code gflop} per second, i.e. GFLOP/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        public double gflop;
    }

    @Benchmark
    public Tensor square(Square s, Flops f) {
        f.gflop += s.operands.gflop();
        return s.operands.a().matmul(s.operands.b());
    }

    @Benchmark
    public Tensor lmShape(LmShape s, Flops f) {
        f.gflop += s.operands.gflop();
        return s.operands.a().matmul(s.operands.b());
    }

    /** Two operands laid out as the shape string says, and the work of their product. */
    record Operands(Tensor a, Tensor b, double gflop) {
        static Operands of(String shape) {
            String[] formSplit = shape.split(":");
            String[] batchSplit = formSplit[0].split("\\*");
            int batch = batchSplit.length == 2 ? Integer.parseInt(batchSplit[0]) : 1;
            String[] mnk = batchSplit[batchSplit.length - 1].split("x");
            int m = Integer.parseInt(mnk[0]);
            int n = Integer.parseInt(mnk[1]);
            int k = Integer.parseInt(mnk[2]);
            String form = formSplit.length == 2 ? formSplit[1] : "nn";
            Generator g = new Generator(0);
            Tensor a = form.charAt(0) == 't' ? Tensor.rand(g, batch, k, m).mT() : Tensor.rand(g, batch, m, k);
            Tensor b = form.charAt(1) == 't' ? Tensor.rand(g, batch, n, k).mT() : Tensor.rand(g, batch, k, n);
            if (batch == 1) {
                a = a.squeeze(0);
                b = b.squeeze(0);
            }
            return new Operands(a, b, 2.0 * batch * m * n * k / 1e9);
        }
    }
}
