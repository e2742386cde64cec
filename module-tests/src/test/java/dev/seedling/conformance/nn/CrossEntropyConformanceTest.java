package dev.seedling.conformance.nn;

import dev.seedling.autograd.GradCheck;
import dev.seedling.conformance.BackendUnderTest;
import dev.seedling.conformance.OnEveryBackend;
import dev.seedling.conformance.Samples;
import dev.seedling.conformance.Tolerances;
import dev.seedling.tensor.DTypeMismatchException;
import dev.seedling.tensor.Functional;
import dev.seedling.tensor.Functional.CrossEntropyOptions;
import dev.seedling.tensor.Functional.Reduction;
import dev.seedling.tensor.ShapeMismatchException;
import dev.seedling.tensor.Tensor;

import static dev.seedling.conformance.TensorAssertions.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cross-entropy with ignore index, label smoothing and every reduction, against a scalar reference. */
class CrossEntropyConformanceTest {
    private static final int N = 7;
    private static final int C = 11;
    private static final long[] TARGET = {3, -100, 0, 10, 5, -100, 7};

    /** Per-row loss {@code -(1-ε)·log p[t] - (ε/C)·Σ log p[c]}; NaN marks ignored rows. */
    private static double[] rowLosses(float[] logits, long[] target, long ignore, double eps) {
        double[] loss = new double[target.length];
        for (int r = 0; r < target.length; r++) {
            if (target[r] == ignore) {
                loss[r] = Double.NaN;
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < C; c++) {
                max = Math.max(max, logits[r * C + c]);
            }
            double sum = 0;
            for (int c = 0; c < C; c++) {
                sum += Math.exp(logits[r * C + c] - max);
            }
            double lse = max + Math.log(sum);
            double all = 0;
            for (int c = 0; c < C; c++) {
                all += logits[r * C + c] - lse;
            }
            loss[r] = -(1 - eps) * (logits[r * C + (int) target[r]] - lse) - eps / C * all;
        }
        return loss;
    }

    @OnEveryBackend
    void crossEntropyMatchesScalarReferenceForEveryReductionAndSmoothing(BackendUnderTest backend) {
        try (var s = backend.use()) {
            float[] logits = Samples.uniform(1, N * C, -4, 4);
            Tensor tl = Tensor.of(logits, N, C);
            Tensor tt = Tensor.ofLongs(TARGET, N);
            for (double eps : new double[]{0, 0.1, 1}) {
                double[] rows = rowLosses(logits, TARGET, -100, eps);
                double sum = 0;
                int count = 0;
                double[] none = new double[N];
                for (int r = 0; r < N; r++) {
                    if (!Double.isNaN(rows[r])) {
                        sum += rows[r];
                        count++;
                        none[r] = rows[r];
                    }
                }
                String at = " smoothing " + eps;
                assertClose("mean" + at, Functional.crossEntropy(tl, tt, new CrossEntropyOptions(-100, (float) eps,
                        Reduction.MEAN)), new int[0], new double[]{sum / count}, Tolerances.NORMALIZATION);
                assertClose("sum" + at, Functional.crossEntropy(tl, tt, new CrossEntropyOptions(-100, (float) eps,
                        Reduction.SUM)), new int[0], new double[]{sum}, Tolerances.NORMALIZATION);
                assertClose("none" + at, Functional.crossEntropy(tl, tt, new CrossEntropyOptions(-100, (float) eps,
                        Reduction.NONE)), new int[]{N}, none, Tolerances.NORMALIZATION);
            }
        }
    }

    @OnEveryBackend
    void crossEntropyAcceptsI32TargetsLeadingDimsAndTransposedLogits(BackendUnderTest backend) {
        try (var s = backend.use()) {
            float[] logits = Samples.uniform(2, N * C, -4, 4);
            Tensor tl = Tensor.of(logits, N, C);
            Tensor expected = Functional.crossEntropy(tl, Tensor.ofLongs(TARGET, N));
            int[] ints = new int[N];
            for (int i = 0; i < N; i++) {
                ints[i] = (int) TARGET[i];
            }
            assertClose("I32 target", Functional.crossEntropy(tl, Tensor.ofInts(ints, N)), expected, Tolerances.NORMALIZATION);
            Tensor strided = tl.mT().contiguous().mT();
            assertClose("transposed logits", Functional.crossEntropy(strided, Tensor.ofLongs(TARGET, N)), expected,
                    Tolerances.NORMALIZATION);
            Tensor threeD = Tensor.of(Samples.uniform(3, 2 * 3 * C, -4, 4), 2, 3, C);
            Tensor target = Tensor.ofLongs(new long[]{1, 2, 3, 4, 5, 6}, 2, 3);
            Tensor none = Functional.crossEntropy(threeD, target, new CrossEntropyOptions(-100, 0f, Reduction.NONE));
            assertThat(none.dims()).containsExactly(2, 3);
            assertClose("3-D mean", Functional.crossEntropy(threeD, target), none.mean(), Tolerances.NORMALIZATION);
        }
    }

    @OnEveryBackend
    void crossEntropyWithEveryTargetIgnoredIsNanForMeanAndZeroForSum(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor logits = Tensor.of(Samples.uniform(4, 2 * C, -1, 1), 2, C);
            Tensor ignored = Tensor.ofLongs(new long[]{-100, -100}, 2);
            assertThat(Functional.crossEntropy(logits, ignored).item()).isNaN();
            assertThat(Functional.crossEntropy(logits, ignored, new CrossEntropyOptions(-100, 0.1f, Reduction.SUM))
                    .item()).isZero();
        }
    }

    @OnEveryBackend
    void crossEntropyGradientPassesFiniteDifferenceCheckAndSkipsIgnoredRows(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor logits = Tensor.of(Samples.uniform(5, N * C, -2, 2), N, C);
            Tensor target = Tensor.ofLongs(TARGET, N);
            for (Reduction red : Reduction.values()) {
                for (float eps : new float[]{0f, 0.2f}) {
                    var opts = new CrossEntropyOptions(-100, eps, red);
                    GradCheck.Result r = GradCheck.check(in -> Functional.crossEntropy(in[0], target, opts), logits);
                    assertThat(r.passed()).as(red + " smoothing " + eps + ": " + r).isTrue();
                }
            }
            Tensor leaf = logits.detach().requiresGrad(true);
            Functional.crossEntropy(leaf, target).backward();
            assertThat(leaf.grad().narrow(0, 1, 1).toFloatArray()).as("ignored row").containsOnly(0f);
        }
    }

    @OnEveryBackend
    void crossEntropyRejectsOutOfRangeTargetsWrongShapesAndFloatTargets(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor logits = Tensor.zeros(2, C);
            assertThatThrownBy(() -> Functional.crossEntropy(logits, Tensor.ofLongs(new long[]{1, C}, 2)))
                    .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining(String.valueOf(C));
            assertThatThrownBy(() -> Functional.crossEntropy(logits, Tensor.ofLongs(new long[]{-1, 0}, 2)))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> Functional.crossEntropy(logits, Tensor.ofLongs(new long[]{1, 2, 3}, 3)))
                    .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("crossEntropy")
                    .hasMessageContaining("[2, 11]").hasMessageContaining("[3]");
            assertThatThrownBy(() -> Functional.crossEntropy(logits, Tensor.zeros(2)))
                    .isInstanceOf(DTypeMismatchException.class).hasMessageContaining("crossEntropy")
                    .hasMessageContaining("I64").hasMessageContaining("F32");
            assertThatThrownBy(() -> new CrossEntropyOptions(-100, 1.5f, Reduction.MEAN))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labelSmoothing");
        }
    }
}
