package dev.seedling.tensor;

/** Argument checks shared by the ops; each failure names the op and the facts. */
final class Checks {
    private Checks() {
    }

    static void requireFloat(String op, String what, Tensor t) {
        if (t.dtype() != DType.F32) {
            throw new DTypeMismatchException(op, what, "F32", t.dtype());
        }
    }

    static void requireIndex(String op, String what, Tensor t) {
        if (!t.dtype().isIntegral()) {
            throw new DTypeMismatchException(op, what, "I32 or I64", t.dtype());
        }
    }

    static void sameBackend(String op, Tensor a, Tensor b) {
        if (a.backend() != b.backend()) {
            throw new IllegalArgumentException(op + ": tensors are on different backends (" + a.backend().name()
                    + " " + a.shape() + " and " + b.backend().name() + " " + b.shape()
                    + "); move one with to(backend)");
        }
    }

    static void noGradInPlace(String op, Tensor t) {
        if (t.requiresGrad() && dev.seedling.autograd.GradMode.isEnabled()) {
            throw new IllegalStateException(op + ": in-place update of a tensor " + t.shape()
                    + " that requires grad while grad mode is on; wrap it in GradMode.noGrad()");
        }
    }
}
