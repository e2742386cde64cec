package dev.seedling.conformance.layout;

import dev.seedling.Seedling;
import dev.seedling.backend.Backend;
import dev.seedling.conformance.BackendUnderTest;
import dev.seedling.conformance.OnEveryBackend;
import dev.seedling.conformance.Samples;
import dev.seedling.conformance.ScalarReference;
import dev.seedling.conformance.Tolerances;
import dev.seedling.tensor.Functional;
import dev.seedling.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.seedling.conformance.TensorAssertions.assertClose;

/** Kernels are thread-safe: several threads running forward and backward at once get the single-thread results. */
class ConcurrentUseConformanceTest {

    /** A small training-like step on its own tensors: forward, backward, the gradient as floats. */
    private static float[] step(Backend backend, int seed) {
        try (var s = Seedling.use(backend)) {
            Tensor x = Tensor.of(Samples.uniform(seed, 64 * 96, -1, 1), 64, 96);
            Tensor w = Tensor.of(Samples.uniform(seed + 1, 96 * 80, -1, 1), 96, 80).requiresGrad(true);
            Tensor logits = Functional.layerNorm(x, null, null, 1e-5f).matmul(w);
            long[] target = new long[64];
            for (int i = 0; i < 64; i++) {
                target[i] = (i * 31L + seed) % 80;
            }
            Functional.crossEntropy(logits, Tensor.ofLongs(target, 64)).backward();
            return w.grad().toFloatArray();
        }
    }

    @OnEveryBackend
    void concurrentForwardAndBackwardGiveTheSingleThreadedResults(BackendUnderTest backend) throws Exception {
        Backend b = backend.backend();
        int threads = 4;
        List<float[]> expected = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            expected.add(step(b, t));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 3; round++) {
                List<Future<float[]>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int seed = t;
                    results.add(pool.submit(() -> step(b, seed)));
                }
                for (int t = 0; t < threads; t++) {
                    // not bit-exact: Vector API transcendentals change in the last ulp once the JIT compiles them,
                    // so a warm run differs from the cold one; a race would differ by far more
                    assertClose("thread " + t + " round " + round, results.get(t).get(),
                            ScalarReference.widen(expected.get(t)), Tolerances.FUSED_VS_COMPOSITE);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
