package dev.seedling.conformance.reduction;

import dev.seedling.autograd.GradCheck;
import dev.seedling.conformance.BackendUnderTest;
import dev.seedling.conformance.Layouts;
import dev.seedling.conformance.OnEveryBackend;
import dev.seedling.conformance.Samples;
import dev.seedling.conformance.ScalarReference;
import dev.seedling.conformance.Tolerances;
import dev.seedling.tensor.DType;
import dev.seedling.tensor.Tensor;

import java.util.Arrays;

import static dev.seedling.conformance.TensorAssertions.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reductions along dims (sum, mean, max, min, argmax, argmin, var) and cumsum against scalar references. */
class ReductionConformanceTest {
    /** Rows long enough for whole vectors and tails (37) and an inner axis that is not a lane multiple (19). */
    private static final int[] SHAPE = {3, 37, 19};

    private static int[] without(int[] shape, int dim, boolean keep) {
        if (keep) {
            int[] k = shape.clone();
            k[dim] = 1;
            return k;
        }
        int[] out = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != dim) {
                out[j++] = shape[i];
            }
        }
        return out;
    }

    @OnEveryBackend
    void sumMeanMaxMinAndVarAlongEachDimMatchScalarReference(BackendUnderTest backend) {
        try (var s = backend.use()) {
            float[] x = Samples.distinct(1, Samples.numel(SHAPE), -3, 3);
            Tensor t = Tensor.of(x, SHAPE);
            for (Tensor input : new Tensor[]{t, Layouts.strided(t)}) {
                for (int dim = 0; dim < SHAPE.length; dim++) {
                    for (boolean keep : new boolean[]{false, true}) {
                        int[] out = without(SHAPE, dim, keep);
                        String at = " dim " + dim + (keep ? " keepdim" : "") + (input.isContiguous() ? "" : " strided");
                        assertClose("sum" + at, input.sum(dim, keep), out,
                                ScalarReference.reduce(x, SHAPE, dim, r -> Arrays.stream(r).sum()), Tolerances.REDUCTION);
                        assertClose("mean" + at, input.mean(dim, keep), out,
                                ScalarReference.reduce(x, SHAPE, dim, r -> Arrays.stream(r).average().orElseThrow()),
                                Tolerances.REDUCTION);
                        assertClose("max" + at, input.max(dim, keep), out,
                                ScalarReference.reduce(x, SHAPE, dim, r -> Arrays.stream(r).max().orElseThrow()),
                                Tolerances.EXACT);
                        assertClose("min" + at, input.min(dim, keep), out,
                                ScalarReference.reduce(x, SHAPE, dim, r -> Arrays.stream(r).min().orElseThrow()),
                                Tolerances.EXACT);
                        assertClose("argmax" + at, input.argmax(dim, keep), out,
                                ScalarReference.reduce(x, SHAPE, dim, r -> argExtreme(r, true)), Tolerances.EXACT);
                        assertClose("argmin" + at, input.argmin(dim, keep), out,
                                ScalarReference.reduce(x, SHAPE, dim, r -> argExtreme(r, false)), Tolerances.EXACT);
                        for (int correction : new int[]{0, 1}) {
                            assertClose("var correction " + correction + at, input.var(dim, correction, keep), out,
                                    ScalarReference.reduce(x, SHAPE, dim, r -> variance(r, correction)),
                                    Tolerances.REDUCTION);
                        }
                    }
                }
            }
            assertThat(t.argmax(1, false).dtype()).isEqualTo(DType.I64);
        }
    }

    @OnEveryBackend
    void sumOverSeveralDimsAndAllDimsMatchesScalarReference(BackendUnderTest backend) {
        try (var s = backend.use()) {
            float[] x = Samples.uniform(2, Samples.numel(SHAPE), -1, 1);
            Tensor t = Tensor.of(x, SHAPE);
            double total = 0;
            for (float v : x) {
                total += v;
            }
            assertClose("sum()", t.sum(), new int[0], new double[]{total}, Tolerances.REDUCTION);
            assertClose("mean()", t.mean(), new int[0], new double[]{total / x.length}, Tolerances.REDUCTION);
            assertClose("max()", t.max(), new int[0], new double[]{Arrays.stream(ScalarReference.widen(x)).max()
                    .orElseThrow()}, Tolerances.EXACT);
            double[] over02 = new double[SHAPE[1]];
            for (int i = 0; i < x.length; i++) {
                over02[ScalarReference.coord(i, SHAPE)[1]] += x[i];
            }
            assertClose("sum dims 0,2 keepdim", t.sum(new int[]{0, -1}, true), new int[]{1, 37, 1}, over02,
                    Tolerances.REDUCTION);
        }
    }

    @OnEveryBackend
    void cumsumAlongEachDimMatchesScalarReference(BackendUnderTest backend) {
        try (var s = backend.use()) {
            float[] x = Samples.uniform(3, Samples.numel(SHAPE), -1, 1);
            Tensor t = Tensor.of(x, SHAPE);
            for (int dim = 0; dim < 3; dim++) {
                double[] want = ScalarReference.alongDim(x, SHAPE, dim, r -> {
                    double[] c = new double[r.length];
                    double acc = 0;
                    for (int j = 0; j < r.length; j++) {
                        c[j] = acc += r[j];
                    }
                    return c;
                });
                assertClose("cumsum dim " + dim, t.cumsum(dim), SHAPE, want, Tolerances.REDUCTION);
                assertClose("cumsum dim " + dim + " strided", Layouts.strided(t).cumsum(dim), SHAPE, want,
                        Tolerances.REDUCTION);
            }
        }
    }

    @OnEveryBackend
    void reductionGradientsPassFiniteDifferenceCheck(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor x = Tensor.of(Samples.distinct(4, 24, -2, 2), 2, 3, 4);
            check("sum", x, t -> t.sum(new int[]{0, 2}, false));
            check("mean", x, t -> t.mean(1, true));
            check("max", x, t -> t.max(2, false));
            check("min", x, t -> t.min(0, true));
            check("max()", x, Tensor::max);
            check("var", x, t -> t.var(1, 1, false));
            check("cumsum", x, t -> t.cumsum(1));
            check("sum strided", x, t -> t.transpose(0, 2).sum(1, false));
        }
    }

    private static void check(String what, Tensor x, java.util.function.UnaryOperator<Tensor> f) {
        GradCheck.Result r = GradCheck.check(in -> f.apply(in[0]), x);
        assertThat(r.passed()).as(what + ": " + r).isTrue();
    }

    @OnEveryBackend
    void reductionsOverZeroSizeDimsFollowPyTorch(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor empty = Tensor.zeros(2, 0, 3);
            assertThat(empty.sum(1, false).toFloatArray()).containsExactly(0, 0, 0, 0, 0, 0);
            assertThat(empty.sum(0, false).dims()).containsExactly(0, 3);
            assertThat(empty.mean(1, false).toFloatArray()).hasSize(6).containsOnly(Float.NaN);
            assertThatThrownBy(() -> empty.max(1, false)).hasMessageContaining("size 0");
            assertThat(empty.cumsum(1).dims()).containsExactly(2, 0, 3);
            assertThat(empty.max(0, false).dims()).containsExactly(0, 3);
        }
    }

    @OnEveryBackend
    void reductionsOfRankZeroTensorsReturnTheValue(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor x = Tensor.scalar(2.5f).requiresGrad(true);
            Tensor y = x.sum();
            assertThat(y.rank()).isZero();
            assertThat(y.item()).isEqualTo(2.5f);
            assertThat(x.mean().item()).isEqualTo(2.5f);
            assertThat(x.max().item()).isEqualTo(2.5f);
            y.backward();
            assertThat(x.grad().item()).isEqualTo(1f);
        }
    }

    @OnEveryBackend
    void maxGradientAtTiesFollowsPyTorch(BackendUnderTest backend) {
        try (var s = backend.use()) {
            // torch: max() over all elements shares the gradient among ties; max(dim) gives it to the returned index
            Tensor x = Tensor.of(new float[]{1, 3, 3, 2}, 4).requiresGrad(true);
            x.max().backward();
            assertThat(x.grad().toFloatArray()).containsExactly(0, 0.5f, 0.5f, 0);
            Tensor m = Tensor.of(new float[]{1, 3, 3, 2}, 2, 2).requiresGrad(true);
            m.max(1, false).sum().backward();
            assertThat(m.grad().toFloatArray()).containsExactly(0, 1, 1, 0);
        }
    }

    @OnEveryBackend
    void argmaxReturnsFirstIndexOfTiesAndNanAsMaximum(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor t = Tensor.of(new float[]{1, 3, 3, 2, Float.NaN, 5}, 6);
            assertThat(t.narrow(0, 0, 4).argmax(0, false).toLongArray()).containsExactly(1);
            assertThat(t.argmax(0, false).toLongArray()).containsExactly(4);
            assertThat(t.narrow(0, 0, 4).argmin(0, false).toLongArray()).containsExactly(0);
        }
    }

    private static double argExtreme(double[] r, boolean max) {
        int best = 0;
        for (int j = 1; j < r.length; j++) {
            if (max ? r[j] > r[best] : r[j] < r[best]) {
                best = j;
            }
        }
        return best;
    }

    private static double variance(double[] r, int correction) {
        double mean = Arrays.stream(r).average().orElseThrow();
        double ss = 0;
        for (double v : r) {
            ss += (v - mean) * (v - mean);
        }
        return ss / (r.length - correction);
    }
}
