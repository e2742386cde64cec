package dev.seedling.models;

import dev.seedling.autograd.GradMode;
import dev.seedling.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Tensor.graphActivationBytes}: the op results of the autograd graph, leaves excluded; and the graph keeps only
 * edges, so a result that no backward rule reads is not held alive by it.
 */
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

    @Test
    void aResultNoRuleReadsIsNotKeptAliveByTheGraph() throws InterruptedException {
        Tensor w = Tensor.of(new float[]{1, 2, 3, 4}, 2, 2).requiresGrad(true);
        Tensor x = Tensor.of(new float[]{1, 0, 0, 1}, 2, 2);
        Tensor h = x.matmul(w);                     // read by nobody's backward: add needs only shapes
        java.lang.ref.WeakReference<Tensor> weak = new java.lang.ref.WeakReference<>(h);
        Tensor loss = h.add(Tensor.ones(2, 2)).sum();
        h = null;
        for (int i = 0; i < 50 && weak.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(weak.get()).as("the matmul result, unreachable but for the graph").isNull();
        loss.backward();
        // d(sum(x·w + 1))/dw = xᵀ·1 = column sums of x, per column of w
        assertThat(w.grad().toFloatArray()).containsExactly(1, 1, 1, 1);
    }
}
