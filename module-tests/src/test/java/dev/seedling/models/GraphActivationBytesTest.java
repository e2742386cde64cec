package dev.seedling.models;

import dev.seedling.autograd.GradMode;
import dev.seedling.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code Tensor.graphActivationBytes}: the storages the autograd graph holds for backward, leaves excluded. */
class GraphActivationBytesTest {
    @Test
    void countsEachRecordedStorageOnceAndNoLeaves() {
        Tensor w = Tensor.ones(4, 4).requiresGrad(true);          // a leaf: not counted
        Tensor x = Tensor.ones(2, 4);                              // an input: not counted
        Tensor h = x.matmul(w);                                    // [2, 4]: 32 bytes
        Tensor view = h.reshape(8);                                // a view of h: same storage
        Tensor y = view.tanh();                                    // [8]: 32 bytes
        Tensor loss = y.sum();                                     // scalar: 4 bytes
        assertThat(loss.graphActivationBytes()).isEqualTo(32 + 32 + 4);
        try (var ng = GradMode.noGrad()) {
            assertThat(x.matmul(w).sum().graphActivationBytes()).isZero();
        }
    }
}
