package dev.seedling.conformance.linalg;

import dev.seedling.autograd.GradCheck;
import dev.seedling.conformance.BackendUnderTest;
import dev.seedling.conformance.OnEveryBackend;
import dev.seedling.conformance.Samples;
import dev.seedling.conformance.ScalarReference;
import dev.seedling.conformance.Tolerances;
import dev.seedling.tensor.ShapeMismatchException;
import dev.seedling.tensor.Tensor;

import java.util.function.BinaryOperator;

import static dev.seedling.conformance.TensorAssertions.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Batched broadcasting matmul against a scalar triple loop: 1-D operands, transposed views, broadcast batches. */
class MatmulConformanceTest {

    /** Operand shapes (both at least 2-D) that exercise register blocks, tails and every batch pattern. */
    private static final int[][][] CASES = {
            {{1, 1}, {1, 1}}, {{4, 16}, {16, 16}}, {{9, 13}, {13, 35}}, {{7, 3}, {3, 5}}, {{5, 0}, {0, 3}},
            {{2, 9, 13}, {2, 13, 35}}, {{2, 1, 5, 6}, {3, 6, 7}}, {{3, 5, 6}, {6, 4}}, {{5, 6}, {2, 6, 4}},
            {{1, 5, 6}, {4, 6, 3}}, {{0, 5, 6}, {6, 3}}};

    @OnEveryBackend
    void matmulMatchesScalarReferenceWithContiguousAndTransposedOperands(BackendUnderTest backend) {
        try (var s = backend.use()) {
            int seed = 0;
            for (int[][] c : CASES) {
                float[] a = Samples.uniform(++seed, Samples.numel(c[0]), -1, 1);
                float[] b = Samples.uniform(++seed, Samples.numel(c[1]), -1, 1);
                double[] want = ScalarReference.matmul(a, c[0], b, c[1]);
                Tensor ta = Tensor.of(a, c[0]);
                Tensor tb = Tensor.of(b, c[1]);
                int[] out = Tensor.zeros(c[0]).matmul(Tensor.zeros(c[1])).dims();
                String what = "matmul " + ta.shape() + " x " + tb.shape();
                assertClose(what, ta.matmul(tb), out, want, Tolerances.MATMUL);
                // the same values stored transposed: the kernel reads them as column-major operands
                Tensor aT = ta.mT().contiguous().mT();
                Tensor bT = tb.mT().contiguous().mT();
                assertClose(what + " (A transposed)", aT.matmul(tb), out, want, Tolerances.MATMUL);
                assertClose(what + " (B transposed)", ta.matmul(bT), out, want, Tolerances.MATMUL);
                assertClose(what + " (both transposed)", aT.matmul(bT), out, want, Tolerances.MATMUL);
            }
        }
    }

    @OnEveryBackend
    void matmulOfBlockSizedOperandsMatchesScalarReferenceInEveryForm(BackendUnderTest backend) {
        // sizes past a backend's tiling (CPU: 4-row, 16-column register blocks, 256-deep K blocks, 96-row A blocks),
        // with a broadcast right operand as autograd's x·Wᵀ produces it and a batched pair as attention does
        int[][][] cases = {{{101, 300}, {300, 37}}, {{2, 97, 129}, {129, 33}}, {{3, 41, 64}, {3, 64, 50}}};
        try (var s = backend.use()) {
            int seed = 100;
            for (int[][] c : cases) {
                float[] a = Samples.uniform(++seed, Samples.numel(c[0]), -1, 1);
                float[] b = Samples.uniform(++seed, Samples.numel(c[1]), -1, 1);
                double[] want = ScalarReference.matmul(a, c[0], b, c[1]);
                Tensor ta = Tensor.of(a, c[0]);
                Tensor tb = Tensor.of(b, c[1]);
                Tensor aT = ta.mT().contiguous().mT();
                Tensor bT = tb.mT().contiguous().mT();
                int[] out = Tensor.zeros(c[0]).matmul(Tensor.zeros(c[1])).dims();
                String what = "matmul " + ta.shape() + " x " + tb.shape();
                assertClose(what, ta.matmul(tb), out, want, Tolerances.LONG_MATMUL);
                assertClose(what + " (A transposed)", aT.matmul(tb), out, want, Tolerances.LONG_MATMUL);
                assertClose(what + " (B transposed)", ta.matmul(bT), out, want, Tolerances.LONG_MATMUL);
                assertClose(what + " (both transposed)", aT.matmul(bT), out, want, Tolerances.LONG_MATMUL);
            }
        }
    }

    @OnEveryBackend
    void matmulPromotesOneDimensionalOperandsAsNumPy(BackendUnderTest backend) {
        try (var s = backend.use()) {
            float[] v = Samples.uniform(1, 6, -1, 1);
            float[] m = Samples.uniform(2, 30, -1, 1);
            float[] batch = Samples.uniform(3, 60, -1, 1);
            Tensor tv = Tensor.of(v, 6);
            assertClose("vector x matrix", tv.matmul(Tensor.of(m, 6, 5)), new int[]{5},
                    ScalarReference.matmul(v, new int[]{1, 6}, m, new int[]{6, 5}), Tolerances.MATMUL);
            assertClose("matrix x vector", Tensor.of(m, 5, 6).matmul(tv), new int[]{5},
                    ScalarReference.matmul(m, new int[]{5, 6}, v, new int[]{6, 1}), Tolerances.MATMUL);
            assertClose("dot", tv.matmul(tv), new int[0],
                    ScalarReference.matmul(v, new int[]{1, 6}, v, new int[]{6, 1}), Tolerances.MATMUL);
            assertClose("batch x vector", Tensor.of(batch, 2, 5, 6).matmul(tv), new int[]{2, 5},
                    ScalarReference.matmul(batch, new int[]{2, 5, 6}, v, new int[]{6, 1}), Tolerances.MATMUL);
            assertClose("vector x batch", tv.matmul(Tensor.of(batch, 2, 6, 5)), new int[]{2, 5},
                    ScalarReference.matmul(v, new int[]{1, 6}, batch, new int[]{2, 6, 5}), Tolerances.MATMUL);
        }
    }

    @OnEveryBackend
    void matmulOfNarrowedAndExpandedOperandsMatchesTheirCopies(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor big = Tensor.of(Samples.uniform(4, 8 * 10, -1, 1), 8, 10);
            Tensor narrowed = big.narrow(1, 2, 6);                      // row stride 10, not 6
            Tensor rhs = Tensor.of(Samples.uniform(5, 6 * 3, -1, 1), 6, 3);
            assertClose("narrowed lhs", narrowed.matmul(rhs), narrowed.contiguous().matmul(rhs), Tolerances.EXACT);
            Tensor expanded = rhs.unsqueeze(0).expand(4, 6, 3);         // batch stride 0
            Tensor lhs = Tensor.of(Samples.uniform(6, 4 * 2 * 6, -1, 1), 4, 2, 6);
            assertClose("expanded rhs", lhs.matmul(expanded), lhs.matmul(expanded.contiguous()), Tolerances.EXACT);
            Tensor permuted = Tensor.of(Samples.uniform(7, 2 * 6 * 4, -1, 1), 2, 6, 4).permute(2, 0, 1); // [4,2,6]
            assertClose("permuted lhs", permuted.matmul(rhs), permuted.contiguous().matmul(rhs), Tolerances.EXACT);
        }
    }

    @OnEveryBackend
    void matmulGradientsPassFiniteDifferenceCheck(BackendUnderTest backend) {
        try (var s = backend.use()) {
            BinaryOperator<Tensor> mm = Tensor::matmul;
            check("2-D", mm, Tensor.of(Samples.uniform(1, 12, -1, 1), 3, 4), Tensor.of(Samples.uniform(2, 20, -1, 1), 4, 5));
            check("broadcast batch", mm, Tensor.of(Samples.uniform(3, 24, -1, 1), 2, 1, 3, 4),
                    Tensor.of(Samples.uniform(4, 40, -1, 1), 2, 4, 5));
            check("vector x batch", mm, Tensor.of(Samples.uniform(5, 4, -1, 1), 4),
                    Tensor.of(Samples.uniform(6, 24, -1, 1), 2, 4, 3));
            check("transposed views", (a, b) -> a.mT().matmul(b.mT()), Tensor.of(Samples.uniform(7, 12, -1, 1), 4, 3),
                    Tensor.of(Samples.uniform(8, 20, -1, 1), 5, 4));
        }
    }

    private static void check(String what, BinaryOperator<Tensor> f, Tensor a, Tensor b) {
        GradCheck.Result r = GradCheck.check(in -> f.apply(in[0], in[1]), a, b);
        assertThat(r.passed()).as(what + ": " + r).isTrue();
    }

    @OnEveryBackend
    void matmulRejectsMismatchedInnerDimensionsNamingBothShapes(BackendUnderTest backend) {
        try (var s = backend.use()) {
            assertThatThrownBy(() -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)))
                    .isInstanceOf(ShapeMismatchException.class)
                    .hasMessageContaining("matmul").hasMessageContaining("[2, 3]").hasMessageContaining("[4, 5]");
            assertThatThrownBy(() -> Tensor.zeros(3).matmul(Tensor.zeros(4)))
                    .isInstanceOf(ShapeMismatchException.class)
                    .hasMessageContaining("matmul").hasMessageContaining("[3]").hasMessageContaining("[4]");
            assertThatThrownBy(() -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(3, 3, 4)))
                    .isInstanceOf(ShapeMismatchException.class)
                    .hasMessageContaining("matmul").hasMessageContaining("[2, 2, 3]").hasMessageContaining("[3, 3, 4]");
            assertThatThrownBy(() -> Tensor.scalar(1).matmul(Tensor.zeros(3)))
                    .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("matmul");
        }
    }
}
