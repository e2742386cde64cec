package dev.seedling.conformance.joining;

import dev.seedling.autograd.GradCheck;
import dev.seedling.conformance.BackendUnderTest;
import dev.seedling.conformance.Layouts;
import dev.seedling.conformance.OnEveryBackend;
import dev.seedling.conformance.Samples;
import dev.seedling.conformance.ScalarReference;
import dev.seedling.conformance.Tolerances;
import dev.seedling.tensor.DTypeMismatchException;
import dev.seedling.tensor.ShapeMismatchException;
import dev.seedling.tensor.Tensor;

import java.util.List;

import static dev.seedling.conformance.TensorAssertions.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** cat, stack, split and chunk against coordinate-wise references. */
class JoiningConformanceTest {

    @OnEveryBackend
    void catAlongEachDimPlacesEveryInputInItsSlice(BackendUnderTest backend) {
        try (var s = backend.use()) {
            int[] base = {2, 3, 4};
            for (int dim = 0; dim < 3; dim++) {
                int[][] shapes = {base.clone(), base.clone(), base.clone()};
                shapes[1][dim] = 1;
                shapes[2][dim] = 0;
                int[] out = base.clone();
                out[dim] = base[dim] + 1;
                float[][] data = {Samples.uniform(1, 24, -1, 1), Samples.uniform(2, Samples.numel(shapes[1]), -1, 1),
                        new float[0]};
                double[] want = new double[Samples.numel(out)];
                for (int i = 0; i < want.length; i++) {
                    int[] c = ScalarReference.coord(i, out);
                    int which = c[dim] < base[dim] ? 0 : 1;
                    c[dim] -= which == 0 ? 0 : base[dim];
                    want[i] = ScalarReference.at(data[which], shapes[which], c);
                }
                Tensor a = Tensor.of(data[0], shapes[0]);
                Tensor b = Tensor.of(data[1], shapes[1]);
                Tensor empty = Tensor.zeros(shapes[2]);
                assertClose("cat dim " + dim, Tensor.cat(dim, a, b, empty), out, want, Tolerances.EXACT);
                assertClose("cat dim " + dim + " strided", Tensor.cat(dim - 3, Layouts.strided(a), empty,
                        Layouts.strided(b)), out, want, Tolerances.EXACT);
            }
        }
    }

    @OnEveryBackend
    void stackSplitAndChunkRoundTrip(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor a = Tensor.of(Samples.uniform(3, 6, -1, 1), 2, 3);
            Tensor b = Tensor.of(Samples.uniform(4, 6, -1, 1), 2, 3);
            for (int dim = -3; dim < 3; dim++) {
                Tensor st = Tensor.stack(dim, a, b);
                assertThat(st.size(dim)).isEqualTo(2);
                assertClose("stack dim " + dim + " select 0", st.select(dim < 0 ? dim + 3 : dim, 0), a, Tolerances.EXACT);
                assertClose("stack dim " + dim + " select 1", st.select(dim < 0 ? dim + 3 : dim, 1), b, Tolerances.EXACT);
            }
            Tensor x = Tensor.of(Samples.uniform(5, 7 * 3, -1, 1), 7, 3);
            List<Tensor> parts = x.split(3, 0);
            assertThat(parts).extracting(p -> p.size(0)).containsExactly(3, 3, 1);
            assertClose("split then cat", Tensor.cat(0, parts), x, Tolerances.EXACT);
            assertThat(x.chunk(3, 0)).extracting(p -> p.size(0)).containsExactly(3, 3, 1);
            assertThat(x.chunk(2, 1)).extracting(p -> p.size(1)).containsExactly(2, 1);
            assertThat(Tensor.ones(6).chunk(4, 0)).extracting(Tensor::numel).containsExactly(2, 2, 2);
            assertClose("chunk then cat", Tensor.cat(1, x.chunk(2, 1)), x, Tolerances.EXACT);
        }
    }

    @OnEveryBackend
    void joiningGradientsPassFiniteDifferenceCheck(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor a = Tensor.of(Samples.uniform(6, 6, -1, 1), 2, 3);
            Tensor b = Tensor.of(Samples.uniform(7, 4, -1, 1), 2, 2);
            GradCheck.Result cat = GradCheck.check(in -> Tensor.cat(1, in[0], in[1].mT().contiguous().mT()), a, b);
            assertThat(cat.passed()).as("cat: " + cat).isTrue();
            GradCheck.Result stack = GradCheck.check(in -> Tensor.stack(1, in[0], in[0].mul(in[0])), a);
            assertThat(stack.passed()).as("stack: " + stack).isTrue();
            GradCheck.Result split = GradCheck.check(in -> in[0].split(2, 1).get(1).mul(3f), a);
            assertThat(split.passed()).as("split: " + split).isTrue();
        }
    }

    @OnEveryBackend
    void catRejectsMismatchedShapesAndDtypesNamingBoth(BackendUnderTest backend) {
        try (var s = backend.use()) {
            assertThatThrownBy(() -> Tensor.cat(0, Tensor.zeros(2, 3), Tensor.zeros(2, 4)))
                    .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("cat")
                    .hasMessageContaining("[2, 3]").hasMessageContaining("[2, 4]");
            assertThatThrownBy(() -> Tensor.stack(0, Tensor.zeros(2, 3), Tensor.zeros(3, 2)))
                    .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("stack")
                    .hasMessageContaining("[2, 3]").hasMessageContaining("[3, 2]");
            assertThatThrownBy(() -> Tensor.cat(0, Tensor.zeros(2), Tensor.ofLongs(new long[]{1}, 1)))
                    .isInstanceOf(DTypeMismatchException.class).hasMessageContaining("F32").hasMessageContaining("I64");
        }
    }
}
