package dev.seedling.conformance.autograd;

import dev.seedling.conformance.BackendUnderTest;
import dev.seedling.conformance.OnEveryBackend;
import dev.seedling.tensor.Tensor;
import dev.seedling.tensor.TensorScope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Deterministic release: a closed {@link TensorScope} frees what it owns and keeps what was kept. */
class TensorScopeTest {

    @OnEveryBackend
    void closingAScopeReleasesEveryTensorExceptTheKeptOnes(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor outside = Tensor.ones(2);
            Tensor temp;
            Tensor kept;
            try (var scope = TensorScope.open()) {
                temp = outside.mul(2f);
                kept = scope.keep(temp.add(1f));
                assertThat(scope.size()).isPositive();
            }
            assertThat(kept.toFloatArray()).containsExactly(3, 3);
            assertThat(outside.toFloatArray()).containsExactly(1, 1);
            assertThatThrownBy(temp::toFloatArray).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("released");
            assertThatThrownBy(() -> temp.add(outside)).isInstanceOf(IllegalStateException.class);
            assertThat(temp.toString()).contains("released");
        }
    }

    @OnEveryBackend
    void keptTensorsMoveToTheEnclosingScope(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor kept;
            try (var outer = TensorScope.open()) {
                try (var inner = TensorScope.open()) {
                    kept = inner.keep(Tensor.ones(3));
                }
                assertThat(kept.toFloatArray()).containsOnly(1f);
            }
            assertThatThrownBy(kept::toFloatArray).isInstanceOf(IllegalStateException.class);
        }
    }

    @OnEveryBackend
    void closeReleasesATensorAndItsViewsAtOnce(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor t = Tensor.ones(2, 2);
            Tensor view = t.transpose(0, 1);
            t.close();
            assertThatThrownBy(view::toFloatArray).isInstanceOf(IllegalStateException.class);
            t.close();   // idempotent
        }
    }

    @OnEveryBackend
    void scopesMustCloseInOrder(BackendUnderTest backend) {
        try (var s = backend.use()) {
            TensorScope outer = TensorScope.open();
            TensorScope inner = TensorScope.open();
            assertThatThrownBy(outer::close).isInstanceOf(IllegalStateException.class).hasMessageContaining("order");
            inner.close();
            outer.close();
        }
    }
}
