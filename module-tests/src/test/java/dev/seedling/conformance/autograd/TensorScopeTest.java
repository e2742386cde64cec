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
    void anEscapedTensorOutlivesEveryOpenScope(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor escaped;
            Tensor other;
            try (var outer = TensorScope.open()) {
                try (var inner = TensorScope.open()) {
                    escaped = TensorScope.escape(Tensor.ones(3));
                    other = Tensor.ones(3);
                }
                assertThatThrownBy(other::toFloatArray).isInstanceOf(IllegalStateException.class);
            }
            assertThat(escaped.toFloatArray()).containsOnly(1f);
        }
    }

    @OnEveryBackend
    void keepGradientsKeepsDenseAndRowSparseGradientsAndReleasesTheActivations(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor w = Tensor.ones(3, 2).requiresGrad(true);
            Tensor table = Tensor.ones(4, 2).requiresSparseGrad(true);
            Tensor activation;
            try (var scope = TensorScope.open()) {
                activation = table.embedding(Tensor.ofLongs(new long[] {1, 3, 1}, 3)).mul(w);
                activation.sum().backward();
                scope.keepGradients(java.util.List.of(w, table));
            }
            assertThatThrownBy(activation::toFloatArray).isInstanceOf(IllegalStateException.class);
            assertThat(w.grad().toFloatArray()).containsOnly(1f);
            assertThat(table.sparseGrad().toDense().toFloatArray()).containsExactly(0, 0, 2, 2, 0, 0, 1, 1);
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
