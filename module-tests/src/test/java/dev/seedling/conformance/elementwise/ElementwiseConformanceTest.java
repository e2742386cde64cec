package dev.seedling.conformance.elementwise;

import dev.seedling.autograd.GradCheck;
import dev.seedling.conformance.BackendUnderTest;
import dev.seedling.conformance.Layouts;
import dev.seedling.conformance.OnEveryBackend;
import dev.seedling.conformance.Samples;
import dev.seedling.conformance.ScalarReference;
import dev.seedling.conformance.Tolerances;
import dev.seedling.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

import static dev.seedling.conformance.ScalarReference.phi;
import static dev.seedling.conformance.TensorAssertions.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

/** Elementwise unary and binary ops against scalar double-precision references, on every backend. */
class ElementwiseConformanceTest {

    private record Unary(UnaryOperator<Tensor> op, DoubleUnaryOperator reference, double lo, double hi) {
    }

    private record Binary(BinaryOperator<Tensor> op, DoubleBinaryOperator reference) {
    }

    private static Map<String, Unary> unaryOps() {
        Map<String, Unary> m = new LinkedHashMap<>();
        m.put("neg", new Unary(Tensor::neg, x -> -x, -5, 5));
        m.put("abs", new Unary(Tensor::abs, Math::abs, -5, 5));
        m.put("exp", new Unary(Tensor::exp, Math::exp, -20, 20));
        m.put("log", new Unary(Tensor::log, Math::log, 1e-3, 100));
        m.put("sqrt", new Unary(Tensor::sqrt, Math::sqrt, 0, 100));
        m.put("rsqrt", new Unary(Tensor::rsqrt, x -> 1 / Math.sqrt(x), 1e-3, 100));
        m.put("tanh", new Unary(Tensor::tanh, Math::tanh, -10, 10));
        m.put("sigmoid", new Unary(Tensor::sigmoid, x -> 1 / (1 + Math.exp(-x)), -30, 30));
        m.put("relu", new Unary(Tensor::relu, x -> Math.max(x, 0), -5, 5));
        m.put("gelu", new Unary(Tensor::gelu, x -> x * phi(x), -8, 8));
        m.put("silu", new Unary(Tensor::silu, x -> x / (1 + Math.exp(-x)), -30, 30));
        m.put("sin", new Unary(Tensor::sin, Math::sin, -10, 10));
        m.put("cos", new Unary(Tensor::cos, Math::cos, -10, 10));
        m.put("square", new Unary(Tensor::square, x -> x * x, -10, 10));
        m.put("clamp", new Unary(x -> x.clamp(-0.5f, 2f), x -> Math.min(Math.max(x, -0.5), 2), -5, 5));
        m.put("pow 3", new Unary(x -> x.pow(3f), x -> x * x * x, -3, 3));
        m.put("pow 0.5", new Unary(x -> x.pow(0.5f), Math::sqrt, 0, 10));
        return m;
    }

    private static Map<String, Binary> binaryOps() {
        Map<String, Binary> m = new LinkedHashMap<>();
        m.put("add", new Binary(Tensor::add, Double::sum));
        m.put("sub", new Binary(Tensor::sub, (a, b) -> a - b));
        m.put("mul", new Binary(Tensor::mul, (a, b) -> a * b));
        m.put("div", new Binary(Tensor::div, (a, b) -> a / b));
        m.put("pow", new Binary((a, b) -> a.abs().pow(b), (a, b) -> Math.pow(Math.abs(a), b)));
        m.put("maximum", new Binary(Tensor::maximum, Math::max));
        m.put("minimum", new Binary(Tensor::minimum, Math::min));
        m.put("eq", new Binary(Tensor::eq, (a, b) -> a == b ? 1 : 0));
        m.put("ne", new Binary(Tensor::ne, (a, b) -> a != b ? 1 : 0));
        m.put("lt", new Binary(Tensor::lt, (a, b) -> a < b ? 1 : 0));
        m.put("le", new Binary(Tensor::le, (a, b) -> a <= b ? 1 : 0));
        m.put("gt", new Binary(Tensor::gt, (a, b) -> a > b ? 1 : 0));
        m.put("ge", new Binary(Tensor::ge, (a, b) -> a >= b ? 1 : 0));
        return m;
    }

    /** Shape pairs covering same shapes, every broadcasting pattern, rank-0 operands and zero-size dims. */
    private static final int[][][] SHAPE_PAIRS = {
            {{37}, {37}}, {{3, 19}, {3, 19}}, {{2, 1, 19}, {5, 1}}, {{19}, {4, 19}}, {{4, 1}, {1, 21}},
            {{}, {2, 17}}, {{2, 17}, {}}, {{}, {}}, {{0, 3}, {3}}, {{2, 0}, {1, 1}}, {{3, 1, 2}, {3, 4, 1}}};

    @OnEveryBackend
    void unaryOpsMatchScalarReferenceOnContiguousAndStridedInputs(BackendUnderTest backend) {
        try (var s = backend.use()) {
            int seed = 0;
            for (var e : unaryOps().entrySet()) {
                Unary u = e.getValue();
                // 67 elements: whole vectors plus a tail on every lane width
                float[] x = Samples.uniform(++seed, 67, u.lo(), u.hi());
                double[] want = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    want[i] = u.reference().applyAsDouble(x[i]);
                }
                Tensor t = Tensor.of(x, 67);
                assertClose(e.getKey(), u.op().apply(t), new int[]{67}, want, Tolerances.TRANSCENDENTAL);
                assertClose(e.getKey() + " (strided)", u.op().apply(Layouts.strided(t)), new int[]{67}, want,
                        Tolerances.TRANSCENDENTAL);
                Tensor m = Tensor.of(x, 67, 1).expand(67, 3).mT();   // a broadcast (stride-0) input
                double[] wantM = new double[3 * 67];
                for (int r = 0; r < 3; r++) {
                    System.arraycopy(want, 0, wantM, r * 67, 67);
                }
                assertClose(e.getKey() + " (expanded)", u.op().apply(m), new int[]{3, 67}, wantM,
                        Tolerances.TRANSCENDENTAL);
            }
        }
    }

    @OnEveryBackend
    void unaryOpsKeepRankZeroAndZeroSizeShapes(BackendUnderTest backend) {
        try (var s = backend.use()) {
            for (var e : unaryOps().entrySet()) {
                Tensor scalar = e.getValue().op().apply(Tensor.scalar(0.75f));
                assertThat(scalar.rank()).as(e.getKey()).isZero();
                assertThat((double) scalar.item()).as(e.getKey())
                        .isCloseTo(e.getValue().reference().applyAsDouble(0.75), org.assertj.core.data.Offset.offset(1e-6));
                assertThat(e.getValue().op().apply(Tensor.zeros(2, 0, 3)).dims()).as(e.getKey()).containsExactly(2, 0, 3);
            }
        }
    }

    @OnEveryBackend
    void binaryOpsMatchScalarReferenceUnderEveryBroadcastPattern(BackendUnderTest backend) {
        try (var s = backend.use()) {
            int seed = 100;
            for (var e : binaryOps().entrySet()) {
                for (int[][] pair : SHAPE_PAIRS) {
                    int[] sa = pair[0];
                    int[] sb = pair[1];
                    float[] a = Samples.uniform(++seed, Samples.numel(sa), -3, 3);
                    float[] b = Samples.uniform(++seed, Samples.numel(sb), -3, 3);
                    if (e.getKey().equals("div")) {
                        for (int i = 0; i < b.length; i++) {
                            b[i] = b[i] >= 0 ? b[i] + 0.5f : b[i] - 0.5f;
                        }
                    }
                    if (e.getKey().matches("eq|ne|le|ge") && a.length > 0 && b.length > 0) {
                        a[0] = b[0];   // make sure equality occurs
                    }
                    double[] want = ScalarReference.binary(a, sa, b, sb, e.getValue().reference());
                    int[] outShape = ScalarReference.broadcastShape(sa, sb);
                    Tensor ta = Tensor.of(a, sa);
                    Tensor tb = Tensor.of(b, sb);
                    String what = e.getKey() + " " + ta.shape() + " with " + tb.shape();
                    assertClose(what, e.getValue().op().apply(ta, tb), outShape, want, Tolerances.TRANSCENDENTAL);
                    assertClose(what + " (strided)", e.getValue().op().apply(Layouts.strided(ta), Layouts.strided(tb)),
                            outShape, want, Tolerances.TRANSCENDENTAL);
                }
            }
        }
    }

    @OnEveryBackend
    void binaryOpsGradientsReduceOverBroadcastDimensions(BackendUnderTest backend) {
        try (var s = backend.use()) {
            for (var e : binaryOps().entrySet()) {
                if (e.getKey().matches("eq|ne|lt|le|gt|ge")) {
                    continue;
                }
                Tensor a = Tensor.of(Samples.uniform(7, 6, 0.5, 2), 2, 1, 3);
                Tensor b = Tensor.of(Samples.uniform(8, 4, 0.5, 2.5), 4, 1);
                if (e.getKey().matches("maximum|minimum")) {
                    b = b.add(3f);   // clear of every a: no ties within the finite-difference step
                }
                GradCheck.Result r = GradCheck.check(in -> e.getValue().op().apply(in[0], in[1]), a, b);
                assertThat(r.passed()).as(e.getKey() + ": " + r).isTrue();
            }
        }
    }

    @OnEveryBackend
    void comparisonsAreNotDifferentiableAndProduceZeroOrOne(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor a = Tensor.of(new float[]{1, 2, 3}, 3).requiresGrad(true);
            Tensor lt = a.lt(2f);
            assertThat(lt.toFloatArray()).containsExactly(1, 0, 0);
            assertThat(lt.requiresGrad()).isFalse();
            assertThat(a.gt(2f).toFloatArray()).containsExactly(0, 0, 1);
            assertThat(a.eq(2f).toFloatArray()).containsExactly(0, 1, 0);
        }
    }

    @OnEveryBackend
    void maximumPropagatesNanAndSplitsGradientAtTiesAsPyTorch(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor a = Tensor.of(new float[]{Float.NaN, 1, 2, 5, 1, 2, 3, 4, 5, 6}, 10);
            Tensor b = Tensor.of(new float[]{0, Float.NaN, 2, 1, 1, 2, 3, 4, 5, 6}, 10);
            float[] max = a.maximum(b).toFloatArray();
            float[] min = a.minimum(b).toFloatArray();
            assertThat(max[0]).isNaN();
            assertThat(max[1]).isNaN();
            assertThat(min[0]).isNaN();
            assertThat(min[1]).isNaN();
            Tensor x = Tensor.of(new float[]{2, 3}, 2).requiresGrad(true);
            Tensor y = Tensor.of(new float[]{2, 1}, 2).requiresGrad(true);
            x.maximum(y).sum().backward();
            assertThat(x.grad().toFloatArray()).containsExactly(0.5f, 1f);
            assertThat(y.grad().toFloatArray()).containsExactly(0.5f, 0f);
        }
    }

    @OnEveryBackend
    void clampGradientPassesOnlyInsideTheBounds(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor x = Tensor.of(new float[]{-3, -1, 0, 1, 3}, 5).requiresGrad(true);
            Tensor y = x.clamp(-1, 1);
            assertThat(y.toFloatArray()).containsExactly(-1, -1, 0, 1, 1);
            y.sum().backward();
            // PyTorch: the bounds themselves pass the gradient
            assertThat(x.grad().toFloatArray()).containsExactly(0, 1, 1, 1, 0);
        }
    }

    @OnEveryBackend
    void reluGradientIsZeroAtZeroAsPyTorch(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor x = Tensor.of(new float[]{-1, 0, 2}, 3).requiresGrad(true);
            x.relu().sum().backward();
            assertThat(x.grad().toFloatArray()).containsExactly(0, 0, 1);
            Tensor z = Tensor.of(new float[]{-1, 0, 2}, 3).requiresGrad(true);
            z.abs().sum().backward();
            assertThat(z.grad().toFloatArray()).containsExactly(-1, 0, 1);
        }
    }

    @OnEveryBackend
    void powGradientAtZeroBaseIsFiniteAsPyTorch(BackendUnderTest backend) {
        try (var s = backend.use()) {
            // torch: d(0^2)/db = 0 (not 0·log 0 = NaN) and d(x^0)/dx = 0 at x = 0 (not 0·0^-1 = NaN)
            Tensor a = Tensor.of(new float[]{0, 0, 2}, 3).requiresGrad(true);
            Tensor b = Tensor.of(new float[]{2, 0, 3}, 3).requiresGrad(true);
            a.pow(b).sum().backward();
            assertThat(a.grad().toFloatArray()).containsExactly(0, 0, 12);
            assertThat(b.grad().toFloatArray()[0]).isZero();
            assertThat(b.grad().toFloatArray()[1]).isZero();
            assertThat((double) b.grad().toFloatArray()[2]).isCloseTo(8 * Math.log(2), org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @OnEveryBackend
    void whereAndMaskedFillBroadcastConditionAndValues(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor cond = Tensor.of(new float[]{1, 0, 1}, 3);
            Tensor a = Tensor.of(new float[]{1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
            Tensor b = Tensor.of(new float[]{-1, -2}, 2, 1).requiresGrad(true);
            Tensor y = Tensor.where(cond, a, b);
            assertThat(y.toFloatArray()).containsExactly(1, -1, 3, 4, -2, 6);
            y.sum().backward();
            assertThat(a.grad().toFloatArray()).containsExactly(1, 0, 1, 1, 0, 1);
            assertThat(b.grad().toFloatArray()).containsExactly(1, 1);
            Tensor filled = Tensor.of(new float[]{1, 2, 3, 4, 5, 6}, 2, 3).maskedFill(cond, -9f);
            assertThat(filled.toFloatArray()).containsExactly(-9, 2, -9, -9, 5, -9);
        }
    }
}
