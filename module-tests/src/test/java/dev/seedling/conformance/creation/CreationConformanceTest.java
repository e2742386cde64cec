package dev.seedling.conformance.creation;

import dev.seedling.conformance.BackendUnderTest;
import dev.seedling.conformance.OnEveryBackend;
import dev.seedling.tensor.DType;
import dev.seedling.tensor.Generator;
import dev.seedling.tensor.ShapeMismatchException;
import dev.seedling.tensor.Tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Factories, seeded random tensors (determinism, statistics, truncation bounds) and host transfer. */
class CreationConformanceTest {

    @OnEveryBackend
    void constantFactoriesFillTheRequestedShapeAndDtype(BackendUnderTest backend) {
        try (var s = backend.use()) {
            assertThat(Tensor.zeros(2, 3).toFloatArray()).hasSize(6).containsOnly(0f);
            assertThat(Tensor.zeros(DType.I64, 4).dtype()).isEqualTo(DType.I64);
            assertThat(Tensor.zeros(DType.I32, 4).toLongArray()).containsOnly(0L);
            assertThat(Tensor.ones(3, 1).toFloatArray()).containsExactly(1, 1, 1);
            assertThat(Tensor.full(-2.5f, 2, 2).toFloatArray()).containsOnly(-2.5f);
            assertThat(Tensor.full(1f).rank()).isZero();
            assertThat(Tensor.zeros(0, 4).numel()).isZero();
            assertThat(Tensor.arange(5).toLongArray()).containsExactly(0, 1, 2, 3, 4);
            assertThat(Tensor.arange(5).dtype()).isEqualTo(DType.I64);
            assertThat(Tensor.arange(0).numel()).isZero();
            assertThat(Tensor.arange(1, 2, 0.25).toFloatArray()).containsExactly(1f, 1.25f, 1.5f, 1.75f);
            assertThat(Tensor.arange(3, 0, -1).toFloatArray()).containsExactly(3, 2, 1);
            assertThat(Tensor.arange(0, 1, 0.1).numel()).isEqualTo(10);
            assertThatThrownBy(() -> Tensor.arange(0, 1, -1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("arange");
            assertThat(Tensor.eye(3).toFloatArray()).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1);
            assertThat(Tensor.of(new float[][]{{1, 2}, {3, 4}, {5, 6}}).dims()).containsExactly(3, 2);
            assertThat(Tensor.of(new float[]{1, 2, 3}).dims()).containsExactly(3);
            assertThat(Tensor.scalar(3f).dims()).isEmpty();
            assertThatThrownBy(() -> Tensor.of(new float[]{1, 2, 3}, 2, 2)).isInstanceOf(ShapeMismatchException.class)
                    .hasMessageContaining("3 values").hasMessageContaining("[2, 2]");
        }
    }

    @OnEveryBackend
    void fromArrayFactoriesCopyTheirInput(BackendUnderTest backend) {
        try (var s = backend.use()) {
            float[] data = {1, 2, 3};
            Tensor t = Tensor.of(data, 3);
            data[0] = 99;
            assertThat(t.toFloatArray()).containsExactly(1, 2, 3);
            long[] ids = {4, 5};
            Tensor l = Tensor.ofLongs(ids, 2);
            ids[0] = 0;
            assertThat(l.toLongArray()).containsExactly(4, 5);
            assertThat(l.toFloatArray()).containsExactly(4, 5);
            assertThat(Tensor.of(new float[]{1.9f, -1.9f}, 2).toType(DType.I64).toLongArray()).containsExactly(1, -1);
        }
    }

    @OnEveryBackend
    void randomTensorsAreDeterministicPerSeedAndIndependentOfBackend(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Generator g = new Generator(123);
            float[] first = Tensor.randn(g, 50).toFloatArray();
            float[] second = Tensor.randn(g, 50).toFloatArray();
            assertThat(first).isNotEqualTo(second);
            g.reset();
            assertThat(Tensor.randn(g, 50).toFloatArray()).containsExactly(first);
            assertThat(Tensor.randn(new Generator(123), 50).toFloatArray()).containsExactly(first);
            assertThat(Tensor.randn(new Generator(124), 50).toFloatArray()).isNotEqualTo(first);
            assertThat(Tensor.rand(new Generator(5), 3, 4).toFloatArray())
                    .containsExactly(Tensor.rand(new Generator(5), 12).toFloatArray());
            // the same seed gives the same values on every backend: samples are drawn on the host
            Generator host = new Generator(77);
            float[] expected = new float[10];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = host.nextFloat();
            }
            assertThat(Tensor.rand(new Generator(77), 10).toFloatArray()).containsExactly(expected);
        }
    }

    @OnEveryBackend
    void randomTensorsHaveTheRequestedStatistics(BackendUnderTest backend) {
        try (var s = backend.use()) {
            int n = 40_000;
            // tolerances are 6 standard errors: a correct sampler fails with probability < 1e-8
            Tensor u = Tensor.rand(new Generator(1), n);
            assertAllWithin(u.toFloatArray(), 0f, 0.99999994f);
            assertThat((double) u.mean().item()).isCloseTo(0.5, within(6 * Math.sqrt(1.0 / 12 / n)));
            // the sample variance's standard error is sqrt((μ4 - σ⁴)/n): 1/180 for U(0,1), 2σ⁴ for a normal
            assertThat((double) u.var(0, 1, false).item()).isCloseTo(1.0 / 12, within(6 * Math.sqrt(1.0 / 180 / n)));
            Tensor z = Tensor.normal(3, 2, new Generator(2), n);
            assertThat((double) z.mean().item()).isCloseTo(3, within(6 * 2 / Math.sqrt(n)));
            assertThat((double) z.var(0, 1, false).item()).isCloseTo(4, within(6 * 4 * Math.sqrt(2.0 / n)));
            Tensor std = Tensor.randn(new Generator(3), n);
            assertThat((double) std.mean().item()).isCloseTo(0, within(6 / Math.sqrt(n)));
            assertThat((double) std.var(0, 1, false).item()).isCloseTo(1, within(6 * Math.sqrt(2.0 / n)));
        }
    }

    @OnEveryBackend
    void truncatedNormalRespectsItsBoundsAndRejectsImpossibleOnes(BackendUnderTest backend) {
        try (var s = backend.use()) {
            int n = 20_000;
            float[] v = Tensor.truncatedNormal(0, 1, -2, 2, new Generator(4), n).toFloatArray();
            assertAllWithin(v, -2f, 2f);
            double mean = 0;
            double var = 0;
            for (float x : v) {
                mean += x / n;
            }
            for (float x : v) {
                var += (x - mean) * (x - mean) / (n - 1);
            }
            // the N(0,1) truncated to ±2 has mean 0 and variance 1 - 4φ(2)/(2Φ(2)-1)
            double phi2 = Math.exp(-2) / Math.sqrt(2 * Math.PI);
            double mass = 2 * dev.seedling.conformance.ScalarReference.phi(2) - 1;
            assertThat(mean).isCloseTo(0, within(6 / Math.sqrt(n)));
            assertThat(var).isCloseTo(1 - 4 * phi2 / mass, within(0.03));
            float[] shifted = Tensor.truncatedNormal(5, 0.5, 4.9, 5.3, new Generator(5), 1000).toFloatArray();
            assertAllWithin(shifted, 4.9f, 5.3f);
            assertThatThrownBy(() -> Tensor.truncatedNormal(0, 1, 10, 11, new Generator(6), 3))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncatedNormal");
            assertThatThrownBy(() -> Tensor.truncatedNormal(0, 1, 1, -1, new Generator(6), 3))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** Asserts every value lies in {@code [lo, hi]}, naming the first that does not. */
    private static void assertAllWithin(float[] values, float lo, float hi) {
        for (int i = 0; i < values.length; i++) {
            assertThat(values[i]).as("element %d", i).isBetween(lo, hi);
        }
    }

    @OnEveryBackend
    void itemNeedsExactlyOneElement(BackendUnderTest backend) {
        try (var s = backend.use()) {
            assertThat(Tensor.scalar(2.5f).item()).isEqualTo(2.5f);
            assertThat(Tensor.full(4f, 1, 1, 1).item()).isEqualTo(4f);
            assertThat(Tensor.ofLongs(new long[]{9}, 1).item()).isEqualTo(9f);
            assertThatThrownBy(() -> Tensor.zeros(2).item()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("[2]");
            assertThatThrownBy(() -> Tensor.zeros(0).item()).isInstanceOf(IllegalStateException.class);
        }
    }
}
