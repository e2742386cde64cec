package dev.seedling.conformance.autograd;

import dev.seedling.autograd.GradMode;
import dev.seedling.conformance.BackendUnderTest;
import dev.seedling.conformance.OnEveryBackend;
import dev.seedling.tensor.DType;
import dev.seedling.tensor.DTypeMismatchException;
import dev.seedling.tensor.ShapeMismatchException;
import dev.seedling.tensor.Tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The autograd engine: accumulation, noGrad, detach, graph freeing, retainGraph, diamonds and seeds. */
class AutogradConformanceTest {

    @OnEveryBackend
    void gradientsAccumulateAcrossTwoBackwardCallsUntilZeroed(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor x = Tensor.of(new float[]{1, 2, 3}, 3).requiresGrad(true);
            x.mul(x).sum().backward();
            assertThat(x.grad().toFloatArray()).containsExactly(2, 4, 6);
            x.mul(3f).sum().backward();
            assertThat(x.grad().toFloatArray()).containsExactly(5, 7, 9);
            x.zeroGrad();
            assertThat(x.grad()).isNull();
            x.sum().backward();
            assertThat(x.grad().toFloatArray()).containsExactly(1, 1, 1);
        }
    }

    /**
     * Leaves take a gradient the engine computed afresh without copying it, but never one whose storage another
     * gradient shares: here add's backward hands mul's fresh gradient to both leaves, and (second case) the seed
     * itself reaches them.
     */
    @OnEveryBackend
    void leavesFedTheSameGradientTensorGetIndependentGradients(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor a = Tensor.of(new float[]{1, 2}, 2).requiresGrad(true);
            Tensor b = Tensor.of(new float[]{3, 4}, 2).requiresGrad(true);
            Tensor seed = Tensor.of(new float[]{5, 6}, 2);
            a.add(b).mul(2f).backward(seed);
            a.grad().addInPlace(Tensor.of(new float[]{100, 100}, 2), 1f);
            assertThat(b.grad().toFloatArray()).containsExactly(10, 12);
            assertThat(a.grad().toFloatArray()).containsExactly(110, 112);
            a.zeroGrad();
            b.zeroGrad();
            a.add(b).backward(seed);
            a.grad().addInPlace(Tensor.of(new float[]{100, 100}, 2), 1f);
            assertThat(b.grad().toFloatArray()).containsExactly(5, 6);
            assertThat(seed.toFloatArray()).containsExactly(5, 6);
            // a fresh gradient (mul's) is taken as it is and still accumulates correctly afterwards
            Tensor c = Tensor.of(new float[]{1, 2}, 2).requiresGrad(true);
            c.mul(c).sum().backward();
            c.mul(c).sum().backward();
            assertThat(c.grad().toFloatArray()).containsExactly(4, 8);
        }
    }

    /**
     * The engine sums a tensor's gradients in place when it owns the first one. It must not when that gradient shares
     * its storage with one another rule still reads: here reshape's gradient is a view of the gradient add hands to
     * both of its inputs, and mul's rule reads that tensor after reshape's gradient became the running sum.
     */
    @OnEveryBackend
    void gradientSumsInPlaceNeverOverwriteAGradientAnotherRuleStillReads(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor x = Tensor.of(new float[]{1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
            Tensor seed = Tensor.of(new float[]{1, 2, 3, 4, 5, 6}, 6);
            x.reshape(6).add(x.reshape(6).mul(3f)).backward(seed);
            assertThat(x.grad().toFloatArray()).containsExactly(4, 8, 12, 16, 20, 24);
            assertThat(seed.toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
            x.zeroGrad();   // the other order of the two paths in the graph
            x.reshape(6).mul(3f).add(x.reshape(6)).backward(seed);
            assertThat(x.grad().toFloatArray()).containsExactly(4, 8, 12, 16, 20, 24);
            assertThat(seed.toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
            // fresh gradients from three paths, summed in place into the first: 2 + 3 + 4 = 9 per element
            Tensor y = Tensor.of(new float[]{1, 2, 3}, 3).requiresGrad(true);
            Tensor a = y.mul(2f);
            Tensor b = y.mul(3f);
            Tensor c = y.mul(4f);
            a.add(b).add(c).sum().backward();
            assertThat(y.grad().toFloatArray()).containsExactly(9, 9, 9);
        }
    }

    @OnEveryBackend
    void aTensorUsedTwiceReceivesTheSumOfBothPaths(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor x = Tensor.of(new float[]{2, -1}, 2).requiresGrad(true);
            Tensor h = x.exp();
            // diamond: h feeds two branches that meet again
            h.mul(h).add(h.sin()).sum().backward();
            float[] g = x.grad().toFloatArray();
            for (int i = 0; i < 2; i++) {
                double e = Math.exp(new float[]{2, -1}[i]);
                assertThat((double) g[i]).isCloseTo((2 * e + Math.cos(e)) * e, org.assertj.core.data.Offset.offset(1e-4 * e * e));
            }
        }
    }

    @OnEveryBackend
    void secondBackwardThroughAFreedGraphFailsNamingTheOp(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor x = Tensor.of(new float[]{1, 2}, 2).requiresGrad(true);
            Tensor y = x.exp().sum();
            y.backward();
            assertThatThrownBy(y::backward).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("freed").hasMessageContaining("retainGraph");
        }
    }

    @OnEveryBackend
    void retainGraphAllowsASecondBackwardThatAccumulates(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor x = Tensor.of(new float[]{1, 2}, 2).requiresGrad(true);
            Tensor y = x.mul(x).sum();
            y.backward(Tensor.scalar(1f), true);
            y.backward(Tensor.scalar(1f), true);
            assertThat(x.grad().toFloatArray()).containsExactly(4, 8);
            y.backward(Tensor.scalar(0.5f));
            assertThat(x.grad().toFloatArray()).containsExactly(5, 10);
            assertThatThrownBy(y::backward).isInstanceOf(IllegalStateException.class);
        }
    }

    @OnEveryBackend
    void noGradRecordsNothingAndScopesNest(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor x = Tensor.ones(2).requiresGrad(true);
            Tensor y;
            try (var ng = GradMode.noGrad()) {
                try (var inner = GradMode.noGrad()) {
                    assertThat(GradMode.isEnabled()).isFalse();
                }
                assertThat(GradMode.isEnabled()).isFalse();
                y = x.mul(2f);
            }
            assertThat(GradMode.isEnabled()).isTrue();
            assertThat(y.requiresGrad()).isFalse();
            assertThat(y.gradFnName()).isNull();
            assertThatThrownBy(() -> y.sum().backward()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("does not require grad");
            assertThat(x.mul(2f).gradFnName()).isEqualTo("mul");
        }
    }

    @OnEveryBackend
    void closingANoGradScopeTwiceDoesNotLeaveGradientsDisabled(BackendUnderTest backend) {
        try (var s = backend.use()) {
            GradMode.Scope ng = GradMode.noGrad();
            ng.close();
            ng.close();   // AutoCloseable: close should be idempotent
            assertThat(GradMode.isEnabled()).isTrue();
            try (var outer = GradMode.noGrad()) {
                GradMode.Scope inner = GradMode.noGrad();
                inner.close();
                inner.close();
                assertThat(GradMode.isEnabled()).as("still inside the outer scope").isFalse();
            }
            assertThat(GradMode.isEnabled()).isTrue();
        }
    }

    @OnEveryBackend
    void detachCutsTheGraphButSharesTheData(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor x = Tensor.of(new float[]{1, 2}, 2).requiresGrad(true);
            Tensor d = x.mul(3f).detach();
            assertThat(d.requiresGrad()).isFalse();
            assertThat(d.gradFnName()).isNull();
            assertThat(d.toFloatArray()).containsExactly(3, 6);
            x.mul(d).sum().backward();
            assertThat(x.grad().toFloatArray()).as("d is a constant").containsExactly(3, 6);
        }
    }

    @OnEveryBackend
    void backwardChecksItsSeedAndLeavesAreTheOnlyMarkableTensors(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor x = Tensor.ones(2, 3).requiresGrad(true);
            Tensor y = x.mul(2f);
            assertThatThrownBy(y::backward).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("[2, 3]");
            assertThatThrownBy(() -> y.backward(Tensor.ones(3, 2))).isInstanceOf(ShapeMismatchException.class)
                    .hasMessageContaining("[3, 2]").hasMessageContaining("[2, 3]");
            assertThatThrownBy(() -> y.requiresGrad(true)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("mul");
            assertThatThrownBy(() -> Tensor.ofLongs(new long[]{1}, 1).requiresGrad(true))
                    .isInstanceOf(DTypeMismatchException.class).hasMessageContaining("F32").hasMessageContaining("I64");
            y.backward(Tensor.full(0.5f, 2, 3));
            assertThat(x.grad().toFloatArray()).containsOnly(1f);
            assertThat(x.grad().dtype()).isEqualTo(DType.F32);
        }
    }

    @OnEveryBackend
    void inPlaceUpdatesOfTensorsThatNeedGradAreRefusedOutsideNoGrad(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor w = Tensor.ones(3).requiresGrad(true);
            assertThatThrownBy(() -> w.addInPlace(Tensor.ones(3), -0.1f)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("noGrad");
            try (var ng = GradMode.noGrad()) {
                w.addInPlace(Tensor.ones(3), -0.5f);
            }
            assertThat(w.toFloatArray()).containsOnly(0.5f);
            assertThatThrownBy(() -> Tensor.zeros(3).addInPlace(Tensor.ones(2, 3), 1f))
                    .isInstanceOf(ShapeMismatchException.class);
        }
    }
}
