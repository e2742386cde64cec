package dev.seedling.bench.fused;

import dev.seedling.models.Parameter;
import dev.seedling.models.optim.AdamW;
import dev.seedling.tensor.Functional;
import dev.seedling.tensor.Generator;
import dev.seedling.tensor.Tensor;
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
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Each fused kernel of the CPU backend against its unfused composite on the same backend ({@code path=composite} runs
 * the same call under {@link Functional#compositeOnly}), at the shapes of the LM preset's training step (8×128 tokens,
 * d 256, SwiGLU 688, 4 heads of 64, vocab 256). One invocation is the op's forward and backward (the training cost),
 * except {@code adamw}: one optimiser step over the preset's 3.2 M parameters, and {@code embeddingBackward}: the
 * gradient of a 256×256 table from 1024 lookups.
 *
 * <p>Run (the compiled test classes and their dependencies on the class path):
 * {@code java --add-modules jdk.incubator.vector -cp ... dev.seedling.bench.fused.FusedKernelBenchmark [op...]}, or
 * through Maven as in docs/PERFORMANCE.md ("CPU: fused kernels").
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx1g"})
@State(Scope.Benchmark)
public class FusedKernelBenchmark {
    @Param({"softmax", "logSoftmax", "crossEntropy", "rmsNorm", "layerNorm", "swiglu", "rope", "attention", "adamw",
            "embeddingBackward"})
    public String op;

    @Param({"fused", "composite"})
    public String path;

    private Supplier<Object> body;

    private static Tensor leaf(Generator g, int... shape) {
        return Tensor.randn(g, shape).requiresGrad(true);
    }

    /** Forward, then backward with a fixed upstream gradient; returns the first input's gradient. */
    private static Supplier<Object> trainStep(Supplier<Tensor> forward, Tensor up, Tensor... leaves) {
        return () -> {
            for (Tensor l : leaves) {
                l.zeroGrad();
            }
            Tensor y = forward.get();
            y.backward(up == null ? Tensor.ones(y.dims()) : up);
            return leaves[0].grad();
        };
    }

    @Setup(Level.Trial)
    public void setUp() {
        Generator g = new Generator(7);
        int tokens = 8 * 128;
        Supplier<Object> b = switch (op) {
            case "softmax", "logSoftmax" -> {
                Tensor x = leaf(g, 32, 128, 128);
                boolean log = op.equals("logSoftmax");
                yield trainStep(() -> log ? x.logSoftmax(-1) : x.softmax(-1), Tensor.randn(g, 32, 128, 128), x);
            }
            case "crossEntropy" -> {
                Tensor x = leaf(g, tokens, 256);
                long[] t = new long[tokens];
                for (int i = 0; i < tokens; i++) {
                    t[i] = g.nextInt(256);
                }
                Tensor target = Tensor.ofLongs(t, tokens);
                yield trainStep(() -> Functional.crossEntropy(x, target), null, x);
            }
            case "rmsNorm" -> {
                Tensor x = leaf(g, 8, 128, 256);
                Tensor w = leaf(g, 256);
                yield trainStep(() -> Functional.rmsNorm(x, w, 1e-5f), Tensor.randn(g, 8, 128, 256), x, w);
            }
            case "layerNorm" -> {
                Tensor x = leaf(g, 8, 128, 256);
                Tensor w = leaf(g, 256);
                Tensor bias = leaf(g, 256);
                yield trainStep(() -> Functional.layerNorm(x, w, bias, 1e-5f), Tensor.randn(g, 8, 128, 256), x, w,
                        bias);
            }
            case "swiglu" -> {
                Tensor gate = leaf(g, 8, 128, 688);
                Tensor up = leaf(g, 8, 128, 688);
                yield trainStep(() -> Functional.swiglu(gate, up), Tensor.randn(g, 8, 128, 688), gate, up);
            }
            case "rope" -> {
                Tensor x = leaf(g, 8, 4, 128, 64);
                Tensor[] tables = ropeTables(128, 64);
                yield trainStep(() -> Functional.rope(x, tables[0], tables[1], 0), Tensor.randn(g, 8, 4, 128, 64), x);
            }
            case "attention" -> {
                Tensor q = leaf(g, 8, 4, 128, 64);
                Tensor k = leaf(g, 8, 4, 128, 64);
                Tensor v = leaf(g, 8, 4, 128, 64);
                yield trainStep(() -> Functional.causalAttention(q, k, v, 0.125f), Tensor.randn(g, 8, 4, 128, 64), q,
                        k, v);
            }
            case "adamw" -> {
                Map<String, Parameter> params = new LinkedHashMap<>();
                // the preset's parameters: tied embedding, 4 × (q, k, v, o, gate, up, down, 2 norms), final norm
                params.put("embed", Parameter.decayed(leaf(g, 256, 256)));
                for (int l = 0; l < 4; l++) {
                    for (String n : new String[]{"q", "k", "v", "o"}) {
                        params.put(l + n, Parameter.decayed(leaf(g, 256, 256)));
                    }
                    params.put(l + "gate", Parameter.decayed(leaf(g, 688, 256)));
                    params.put(l + "up", Parameter.decayed(leaf(g, 688, 256)));
                    params.put(l + "down", Parameter.decayed(leaf(g, 256, 688)));
                    params.put(l + "n1", Parameter.undecayed(leaf(g, 256)));
                    params.put(l + "n2", Parameter.undecayed(leaf(g, 256)));
                }
                params.put("final", Parameter.undecayed(leaf(g, 256)));
                for (Parameter p : params.values()) {
                    p.value().setGrad(Tensor.randn(g, p.value().dims()));
                }
                AdamW opt = new AdamW(params, 0.9f, 0.95f, 1e-8f, 0.1f);
                yield () -> {
                    opt.step(1e-4);
                    return opt;
                };
            }
            case "embeddingBackward" -> {
                Tensor table = leaf(g, 256, 256);
                long[] ids = new long[tokens];
                for (int i = 0; i < tokens; i++) {
                    ids[i] = g.nextInt(256);
                }
                Tensor idx = Tensor.ofLongs(ids, 8, 128);
                Tensor up = Tensor.randn(g, 8, 128, 256);
                Tensor rows = table.embedding(idx);
                yield () -> {
                    table.zeroGrad();
                    rows.backward(up, true);
                    return table.grad();
                };
            }
            default -> throw new IllegalArgumentException("unknown op " + op);
        };
        body = path.equals("composite") ? () -> Functional.compositeOnly(b) : b;
    }

    /** Rotary tables as {@code RotaryEmbedding} builds them. */
    static Tensor[] ropeTables(int positions, int dim) {
        float[] c = new float[positions * dim];
        float[] s = new float[positions * dim];
        for (int p = 0; p < positions; p++) {
            for (int i = 0; i < dim / 2; i++) {
                double a = p * Math.pow(10000, -2.0 * i / dim);
                c[p * dim + i] = c[p * dim + i + dim / 2] = (float) Math.cos(a);
                s[p * dim + i] = s[p * dim + i + dim / 2] = (float) Math.sin(a);
            }
        }
        return new Tensor[]{Tensor.of(c, positions, dim), Tensor.of(s, positions, dim)};
    }

    @Benchmark
    public Object forwardAndBackward() {
        return body.get();
    }

    /** Runs the benchmark for the ops named in {@code args} (all when none), both paths. */
    public static void main(String[] args) throws RunnerException {
        var options = new OptionsBuilder().include(FusedKernelBenchmark.class.getSimpleName());
        if (args.length > 0) {
            options.param("op", args);
        }
        new Runner(options.build()).run();
    }
}
