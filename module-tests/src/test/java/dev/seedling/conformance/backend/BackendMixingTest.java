package dev.seedling.conformance.backend;

import dev.seedling.Seedling;
import dev.seedling.conformance.BackendUnderTest;
import dev.seedling.conformance.OnEveryBackend;
import dev.seedling.tensor.DType;
import dev.seedling.tensor.Functional;
import dev.seedling.tensor.Tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tensors of two backends: {@code to(backend)} moves data (and gradients back), and an op given tensors of two
 * backends fails naming both. The second backend is the {@link HostArrayBackend} test double, since only one real
 * backend exists today.
 */
class BackendMixingTest {
    private static final HostArrayBackend HOST = new HostArrayBackend();

    private static Tensor onHost(float[] values, int... shape) {
        try (var s = Seedling.use(HOST)) {
            return Tensor.of(values, shape);
        }
    }

    @OnEveryBackend
    void toMovesValuesAndDtypesAndGradientsFlowBackAcross(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor h = onHost(new float[]{1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
            Tensor moved = h.transpose(0, 1).to(backend.backend());
            assertThat(moved.backend()).isSameAs(backend.backend());
            assertThat(moved.toFloatArray()).containsExactly(1, 4, 2, 5, 3, 6);
            moved.mul(moved).sum().backward();
            assertThat(h.grad().backend()).isSameAs(HOST);
            assertThat(h.grad().toFloatArray()).containsExactly(2, 4, 6, 8, 10, 12);
            Tensor ids;
            try (var hs = Seedling.use(HOST)) {
                ids = Tensor.ofInts(new int[]{7, -3}, 2);
            }
            Tensor back = ids.to(backend.backend());
            assertThat(back.dtype()).isEqualTo(DType.I32);
            assertThat(back.toLongArray()).containsExactly(7, -3);
            Tensor here = Tensor.ones(2);
            assertThat(here.to(backend.backend())).isSameAs(here);
        }
    }

    @OnEveryBackend
    void opsOnTensorsOfTwoBackendsFailNamingBoth(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor local = Tensor.ones(2, 3);
            Tensor foreign = onHost(new float[]{1, 2, 3, 4, 5, 6}, 2, 3);
            String name = backend.backend().name();
            assertThatThrownBy(() -> local.add(foreign)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("different backends").hasMessageContaining(name).hasMessageContaining("host");
            assertThatThrownBy(() -> local.matmul(foreign.mT())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("matmul").hasMessageContaining("host");
            assertThatThrownBy(() -> Tensor.cat(0, local, foreign)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cat").hasMessageContaining("host");
            assertThatThrownBy(() -> Tensor.where(local, foreign, local)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("where").hasMessageContaining("host");
            assertThatThrownBy(() -> local.indexSelect(0, onHostLongs())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("indexSelect").hasMessageContaining("host");
            assertThatThrownBy(() -> Functional.rmsNorm(local, onHost(new float[]{1, 1, 1}, 3), 1e-5f))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rmsNorm")
                    .hasMessageContaining("host");
        }
    }

    private static Tensor onHostLongs() {
        try (var s = Seedling.use(HOST)) {
            return Tensor.ofLongs(new long[]{0}, 1);
        }
    }
}
