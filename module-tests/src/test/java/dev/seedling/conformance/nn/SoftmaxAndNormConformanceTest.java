package dev.seedling.conformance.nn;

import dev.seedling.autograd.GradCheck;
import dev.seedling.conformance.BackendUnderTest;
import dev.seedling.conformance.Layouts;
import dev.seedling.conformance.OnEveryBackend;
import dev.seedling.conformance.Samples;
import dev.seedling.conformance.ScalarReference;
import dev.seedling.conformance.Tolerances;
import dev.seedling.tensor.Functional;
import dev.seedling.tensor.ShapeMismatchException;
import dev.seedling.tensor.Tensor;

import java.util.function.Function;

import static dev.seedling.conformance.TensorAssertions.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Softmax, log-softmax, RMSNorm and LayerNorm against scalar references, and the fused kernels (when a backend has
 * them) against the composites: {@link Functional#compositeOnly} forces the primitive path.
 */
class SoftmaxAndNormConformanceTest {
    private static final int[] SHAPE = {3, 4, 37};

    private static double[] softmaxRow(double[] r, boolean log) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : r) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : r) {
            sum += Math.exp(v - max);
        }
        double[] y = new double[r.length];
        for (int j = 0; j < r.length; j++) {
            y[j] = log ? r[j] - max - Math.log(sum) : Math.exp(r[j] - max) / sum;
        }
        return y;
    }

    private static double[] normRow(double[] r, boolean center, double eps) {
        double mean = 0;
        for (double v : r) {
            mean += v / r.length;
        }
        double c = center ? mean : 0;
        double ss = 0;
        for (double v : r) {
            ss += (v - c) * (v - c) / r.length;
        }
        double inv = 1 / Math.sqrt(ss + eps);
        double[] y = new double[r.length];
        for (int j = 0; j < r.length; j++) {
            y[j] = (r[j] - c) * inv;
        }
        return y;
    }

    @OnEveryBackend
    void softmaxAndLogSoftmaxOnEveryDimMatchScalarReference(BackendUnderTest backend) {
        try (var s = backend.use()) {
            float[] x = Samples.uniform(1, Samples.numel(SHAPE), -8, 8);
            Tensor t = Tensor.of(x, SHAPE);
            for (int k = -3; k < 3; k++) {
                final int dim = k;
                int d = dim < 0 ? dim + 3 : dim;
                double[] soft = ScalarReference.alongDim(x, SHAPE, d, r -> softmaxRow(r, false));
                double[] logSoft = ScalarReference.alongDim(x, SHAPE, d, r -> softmaxRow(r, true));
                for (Tensor in : new Tensor[]{t, Layouts.strided(t)}) {
                    String at = " dim " + dim + (in.isContiguous() ? "" : " strided");
                    assertClose("softmax" + at, in.softmax(dim), SHAPE, soft, Tolerances.NORMALIZATION);
                    assertClose("logSoftmax" + at, in.logSoftmax(dim), SHAPE, logSoft, Tolerances.NORMALIZATION);
                    assertClose("composite softmax" + at, Functional.compositeOnly(() -> in.softmax(dim)), SHAPE, soft,
                            Tolerances.NORMALIZATION);
                    assertClose("composite logSoftmax" + at, Functional.compositeOnly(() -> in.logSoftmax(dim)),
                            SHAPE, logSoft, Tolerances.NORMALIZATION);
                }
            }
        }
    }

    @OnEveryBackend
    void softmaxOfLargeLogitsDoesNotOverflowAndMaskedRowsFollowPyTorch(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor big = Tensor.of(new float[]{1000, 1001, 1002, -1e30f, 0, 1e30f}, 2, 3);
            for (boolean composite : new boolean[]{false, true}) {
                Tensor y = composite ? Functional.compositeOnly(() -> big.softmax(-1)) : big.softmax(-1);
                float[] v = y.toFloatArray();
                assertThat(v).as("composite=" + composite).doesNotContain(Float.NaN);
                assertThat(v[5]).isEqualTo(1f);
                Tensor ninf = Tensor.full(Float.NEGATIVE_INFINITY, 1, 4);
                Tensor z = composite ? Functional.compositeOnly(() -> ninf.softmax(-1)) : ninf.softmax(-1);
                // an all -inf row has no distribution: NaN, as torch.softmax
                assertThat(z.toFloatArray()).as("composite=" + composite).containsOnly(Float.NaN);
            }
        }
    }

    @OnEveryBackend
    void rmsNormAndLayerNormMatchScalarReferenceWithAndWithoutAffine(BackendUnderTest backend) {
        try (var s = backend.use()) {
            float[] x = Samples.uniform(2, Samples.numel(SHAPE), -3, 3);
            float[] w = Samples.uniform(3, 37, 0.5, 1.5);
            float[] b = Samples.uniform(4, 37, -1, 1);
            Tensor t = Tensor.of(x, SHAPE);
            Tensor tw = Tensor.of(w, 37);
            Tensor tb = Tensor.of(b, 37);
            double[] rms = ScalarReference.alongDim(x, SHAPE, 2, r -> normRow(r, false, 1e-5));
            double[] ln = ScalarReference.alongDim(x, SHAPE, 2, r -> normRow(r, true, 1e-5));
            double[] rmsW = rms.clone();
            double[] lnWB = ln.clone();
            double[] lnW = ln.clone();
            for (int i = 0; i < x.length; i++) {
                rmsW[i] *= w[i % 37];
                lnW[i] *= w[i % 37];
                lnWB[i] = ln[i] * w[i % 37] + b[i % 37];
            }
            for (boolean composite : new boolean[]{false, true}) {
                for (Tensor in : new Tensor[]{t, Layouts.strided(t)}) {
                    String at = (composite ? " composite" : " default") + (in.isContiguous() ? "" : " strided");
                    assertClose("rmsNorm" + at, run(composite, () -> Functional.rmsNorm(in, null, 1e-5f)), SHAPE, rms,
                            Tolerances.NORMALIZATION);
                    assertClose("rmsNorm weight" + at, run(composite, () -> Functional.rmsNorm(in, tw, 1e-5f)), SHAPE,
                            rmsW, Tolerances.NORMALIZATION);
                    assertClose("layerNorm" + at, run(composite, () -> Functional.layerNorm(in, null, null, 1e-5f)),
                            SHAPE, ln, Tolerances.NORMALIZATION);
                    assertClose("layerNorm weight" + at, run(composite, () -> Functional.layerNorm(in, tw, null, 1e-5f)),
                            SHAPE, lnW, Tolerances.NORMALIZATION);
                    assertClose("layerNorm affine" + at, run(composite, () -> Functional.layerNorm(in, tw, tb, 1e-5f)),
                            SHAPE, lnWB, Tolerances.NORMALIZATION);
                }
            }
        }
    }

    private static Tensor run(boolean composite, java.util.function.Supplier<Tensor> op) {
        return composite ? Functional.compositeOnly(op) : op.get();
    }

    /** The composites whose fused kernels must agree with their primitive definitions, forward and backward. */
    private static final java.util.Map<String, Function<Tensor[], Tensor>> FUSIBLE = java.util.Map.of(
            "softmax", in -> in[0].softmax(-1),
            "softmax dim 1", in -> in[0].softmax(1),
            "logSoftmax", in -> in[0].logSoftmax(-1),
            "rmsNorm", in -> Functional.rmsNorm(in[0], null, 1e-5f),
            "rmsNorm affine", in -> Functional.rmsNorm(in[0], in[1], 1e-5f),
            "layerNorm", in -> Functional.layerNorm(in[0], null, null, 1e-5f),
            "layerNorm affine", in -> Functional.layerNorm(in[0], in[1], in[2], 1e-5f));

    @OnEveryBackend
    void fusedAndCompositePathsAgreeInForwardAndGradients(BackendUnderTest backend) {
        try (var s = backend.use()) {
            for (var e : FUSIBLE.entrySet()) {
                Tensor[] fused = leaves();
                Tensor[] composite = leaves();
                Tensor up = Tensor.of(Samples.uniform(9, Samples.numel(SHAPE), -1, 1), SHAPE);
                Tensor yFused = e.getValue().apply(fused);
                Tensor yComposite = Functional.compositeOnly(() -> e.getValue().apply(composite));
                assertClose(e.getKey() + " forward", yFused, yComposite, Tolerances.FUSED_VS_COMPOSITE);
                FusedVsComposite.assertGradientsAgree(e.getKey(), yFused, fused, yComposite, composite, up,
                        Tolerances.FUSED_VS_COMPOSITE);
            }
        }
    }

    private static Tensor[] leaves() {
        return new Tensor[]{
                Tensor.of(Samples.uniform(5, Samples.numel(SHAPE), -3, 3), SHAPE).requiresGrad(true),
                Tensor.of(Samples.uniform(6, 37, 0.5, 1.5), 37).requiresGrad(true),
                Tensor.of(Samples.uniform(7, 37, -1, 1), 37).requiresGrad(true)};
    }

    @OnEveryBackend
    void softmaxAndNormGradientsPassFiniteDifferenceCheckOnBothPaths(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor x = Tensor.of(Samples.uniform(8, 2 * 3 * 6, -2, 2), 2, 3, 6);
            Tensor w = Tensor.of(Samples.uniform(9, 6, 0.5, 1.5), 6);
            Tensor b = Tensor.of(Samples.uniform(10, 6, -1, 1), 6);
            for (var e : FUSIBLE.entrySet()) {
                for (boolean composite : new boolean[]{false, true}) {
                    Function<Tensor[], Tensor> f = composite
                            ? in -> Functional.compositeOnly(() -> e.getValue().apply(in)) : e.getValue();
                    GradCheck.Result r = GradCheck.check(f, x, w, b);
                    assertThat(r.passed()).as(e.getKey() + (composite ? " composite: " : ": ") + r).isTrue();
                }
            }
        }
    }

    @OnEveryBackend
    void zeroSizeInputsGiveEmptyResultsOnBothPaths(BackendUnderTest backend) {
        try (var s = backend.use()) {
            for (int[] shape : new int[][]{{0, 5}, {3, 0}, {2, 0, 4}}) {
                Tensor x = Tensor.zeros(shape);
                for (boolean composite : new boolean[]{false, true}) {
                    String at = java.util.Arrays.toString(shape) + (composite ? " composite" : "");
                    assertThat(run(composite, () -> x.softmax(-1)).dims()).as("softmax " + at).containsExactly(shape);
                    assertThat(run(composite, () -> x.logSoftmax(0)).dims()).as("logSoftmax " + at)
                            .containsExactly(shape);
                    assertThat(run(composite, () -> Functional.rmsNorm(x, null, 1e-5f)).dims()).as("rmsNorm " + at)
                            .containsExactly(shape);
                    assertThat(run(composite, () -> Functional.layerNorm(x, null, null, 1e-5f)).dims())
                            .as("layerNorm " + at).containsExactly(shape);
                }
            }
        }
    }

    @OnEveryBackend
    void softmaxOfARankZeroTensorIsOneAsPyTorch(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor x = Tensor.scalar(2.5f).requiresGrad(true);
            Tensor y = x.softmax(0);
            assertThat(y.rank()).isZero();
            assertThat(y.item()).isEqualTo(1f);
            assertThat(x.logSoftmax(-1).item()).isZero();
            y.backward();
            assertThat(x.grad().item()).isZero();
            assertThatThrownBy(() -> x.softmax(1)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @OnEveryBackend
    void normsRejectAffineParametersOfTheWrongShape(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor x = Tensor.zeros(2, 8);
            assertThatThrownBy(() -> Functional.rmsNorm(x, Tensor.ones(7), 1e-5f))
                    .isInstanceOf(ShapeMismatchException.class)
                    .hasMessageContaining("rmsNorm").hasMessageContaining("[2, 8]").hasMessageContaining("[7]");
            assertThatThrownBy(() -> Functional.layerNorm(x, null, Tensor.ones(2, 8), 1e-5f))
                    .isInstanceOf(ShapeMismatchException.class)
                    .hasMessageContaining("layerNorm").hasMessageContaining("[2, 8]").hasMessageContaining("[2, 8]");
        }
    }
}
