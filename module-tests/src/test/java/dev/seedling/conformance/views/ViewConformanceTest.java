package dev.seedling.conformance.views;

import dev.seedling.autograd.GradCheck;
import dev.seedling.autograd.GradMode;
import dev.seedling.conformance.BackendUnderTest;
import dev.seedling.conformance.OnEveryBackend;
import dev.seedling.conformance.Samples;
import dev.seedling.conformance.ScalarReference;
import dev.seedling.conformance.Tolerances;
import dev.seedling.tensor.ShapeMismatchException;
import dev.seedling.tensor.Tensor;

import java.util.function.UnaryOperator;

import static dev.seedling.conformance.TensorAssertions.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Views (reshape, view, permute, transpose, narrow, select, expand, squeeze, unsqueeze) and contiguous(). */
class ViewConformanceTest {
    private static final int[] SHAPE = {2, 3, 4};

    @OnEveryBackend
    void viewsReadTheElementsTheirIndexMapNames(BackendUnderTest backend) {
        try (var s = backend.use()) {
            float[] x = Samples.uniform(1, 24, -1, 1);
            Tensor t = Tensor.of(x, SHAPE);
            double[] permuted = new double[24];   // permute(2, 0, 1): out[k][i][j] = x[i][j][k]
            double[] narrowed = new double[2 * 3 * 2];
            double[] selected = new double[2 * 4];
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    for (int k = 0; k < 4; k++) {
                        double v = x[(i * 3 + j) * 4 + k];
                        permuted[(k * 2 + i) * 3 + j] = v;
                        if (k >= 1 && k < 3) {
                            narrowed[(i * 3 + j) * 2 + k - 1] = v;
                        }
                        if (j == 1) {
                            selected[i * 4 + k] = v;
                        }
                    }
                }
            }
            assertClose("permute", t.permute(2, 0, 1), new int[]{4, 2, 3}, permuted, Tolerances.EXACT);
            assertClose("permute negative dims", t.permute(-1, 0, -2), new int[]{4, 2, 3}, permuted, Tolerances.EXACT);
            assertClose("narrow", t.narrow(2, 1, 2), new int[]{2, 3, 2}, narrowed, Tolerances.EXACT);
            assertClose("select", t.select(1, 1), new int[]{2, 4}, selected, Tolerances.EXACT);
            assertClose("reshape", t.reshape(6, -1), new int[]{6, 4}, ScalarReference.widen(x), Tolerances.EXACT);
            assertClose("view", t.view(4, 6), new int[]{4, 6}, ScalarReference.widen(x), Tolerances.EXACT);
            assertClose("flatten", t.flatten(), new int[]{24}, ScalarReference.widen(x), Tolerances.EXACT);
            assertClose("transpose twice", t.transpose(0, 2).transpose(2, 0), SHAPE, ScalarReference.widen(x),
                    Tolerances.EXACT);
            assertClose("reshape of permuted copies in logical order", t.permute(2, 0, 1).reshape(24), new int[]{24},
                    permuted, Tolerances.EXACT);
            Tensor col = Tensor.of(new float[]{1, 2, 3}, 3, 1);
            assertThat(col.expand(2, 3, 4).toFloatArray()).containsExactly(1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
                    1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3);
            assertThat(col.expand(-1, 2).dims()).containsExactly(3, 2);
            assertThat(col.squeeze(1).dims()).containsExactly(3);
            assertThat(col.squeeze(0).dims()).as("squeezing a non-1 dim is a no-op, as PyTorch").containsExactly(3, 1);
            assertThat(col.unsqueeze(0).dims()).containsExactly(1, 3, 1);
            assertThat(col.unsqueeze(-1).dims()).containsExactly(3, 1, 1);
            assertThat(Tensor.scalar(4f).unsqueeze(0).dims()).containsExactly(1);
        }
    }

    @OnEveryBackend
    void viewsShareStorageAndContiguousCopiesOnlyWhenNeeded(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor t = Tensor.zeros(2, 3, 4);
            Tensor window = t.narrow(2, 1, 2);
            try (var ng = GradMode.noGrad()) {
                window.copyFrom(Tensor.full(5f, 2, 3, 2));
            }
            assertThat(t.select(0, 1).select(0, 2).toFloatArray()).containsExactly(0, 5, 5, 0);
            assertThat(t.transpose(0, 1).isContiguous()).isFalse();
            assertThat(window.isContiguous()).isFalse();
            assertThat(t.contiguous()).isSameAs(t);
            Tensor c = t.transpose(0, 1).contiguous();
            assertThat(c.isContiguous()).isTrue();
            assertClose("contiguous keeps values", c, t.transpose(0, 1), Tolerances.EXACT);
            assertThat(t.unsqueeze(1).squeeze(1).isContiguous()).isTrue();
            assertThatThrownBy(() -> t.transpose(0, 1).view(24)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("view").hasMessageContaining("contiguous");
        }
    }

    @OnEveryBackend
    void viewsOfZeroSizeAndRankZeroTensorsWork(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor empty = Tensor.zeros(3, 0);
            assertThat(empty.view(0, 3).dims()).containsExactly(0, 3);
            assertThat(empty.reshape(-1, 3).dims()).containsExactly(0, 3);
            assertThat(empty.transpose(0, 1).contiguous().dims()).containsExactly(0, 3);
            assertThat(empty.unsqueeze(0).expand(2, 3, 0).numel()).isZero();
            assertThat(Tensor.zeros(2, 3).narrow(1, 3, 0).dims()).containsExactly(2, 0);
            Tensor scalar = Tensor.scalar(7f);
            assertThat(scalar.reshape(1, 1).toFloatArray()).containsExactly(7f);
            assertThat(scalar.expand(2, 2).toFloatArray()).containsExactly(7, 7, 7, 7);
            assertThat(scalar.permute().item()).isEqualTo(7f);
            assertThat(Tensor.of(new float[]{7f}, 1).reshape().rank()).isZero();
        }
    }

    @OnEveryBackend
    void viewGradientsPassFiniteDifferenceCheck(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor x = Tensor.of(Samples.uniform(2, 24, -1, 1), SHAPE);
            check("reshape", x, t -> t.reshape(4, 6).mul(t.reshape(4, 6)));
            check("permute", x, t -> t.permute(1, 2, 0).mul(2f));
            check("transpose then reshape", x, t -> t.transpose(0, 2).reshape(-1));
            check("narrow", x, t -> t.narrow(1, 1, 2));
            check("select", x, t -> t.select(2, 3));
            check("expand", Tensor.of(Samples.uniform(3, 3, -1, 1), 3, 1), t -> t.expand(2, 3, 5));
            check("squeeze unsqueeze", Tensor.of(Samples.uniform(4, 3, -1, 1), 3, 1), t -> t.squeeze(1).unsqueeze(0));
            check("contiguous", x, t -> t.transpose(1, 2).contiguous());
            check("narrow of narrow", x, t -> t.narrow(2, 1, 3).narrow(2, 1, 1));
        }
    }

    private static void check(String what, Tensor x, UnaryOperator<Tensor> f) {
        GradCheck.Result r = GradCheck.check(in -> f.apply(in[0]), x);
        assertThat(r.passed()).as(what + ": " + r).isTrue();
    }

    @OnEveryBackend
    void badViewArgumentsAreRejectedNamingTheShapes(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor t = Tensor.zeros(SHAPE);
            assertThatThrownBy(() -> t.reshape(5, 5)).isInstanceOf(ShapeMismatchException.class)
                    .hasMessageContaining("reshape").hasMessageContaining("[2, 3, 4]").hasMessageContaining("[5, 5]");
            assertThatThrownBy(() -> t.reshape(-1, -1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> t.reshape(5, -1)).isInstanceOf(ShapeMismatchException.class)
                    .hasMessageContaining("[2, 3, 4]");
            assertThatThrownBy(() -> t.permute(0, 1)).isInstanceOf(ShapeMismatchException.class)
                    .hasMessageContaining("permute");
            assertThatThrownBy(() -> t.permute(0, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("repeats");
            assertThatThrownBy(() -> t.narrow(2, 3, 2)).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining("narrow");
            assertThatThrownBy(() -> t.select(1, 3)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> t.expand(2, 5, 4)).isInstanceOf(ShapeMismatchException.class)
                    .hasMessageContaining("expand").hasMessageContaining("[2, 3, 4]");
            assertThatThrownBy(() -> t.transpose(0, 3)).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining("[2, 3, 4]");
            assertThatThrownBy(() -> t.unsqueeze(4)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }
}
