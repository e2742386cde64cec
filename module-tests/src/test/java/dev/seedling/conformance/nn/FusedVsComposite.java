package dev.seedling.conformance.nn;

import dev.seedling.conformance.Tolerance;
import dev.seedling.tensor.Functional;
import dev.seedling.tensor.Tensor;

import static dev.seedling.conformance.TensorAssertions.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

/** The gradient comparison both fused-kernel suites make between an op's fused path and its composite. */
final class FusedVsComposite {
    private FusedVsComposite() {
    }

    /**
     * Back-propagates {@code up} through {@code yFused} and, with fusion off, through {@code yComposite}, then asserts
     * that each input's gradient agrees within {@code tol}; an input the composite leaves without a gradient must have
     * none on the fused path either.
     *
     * @param fused     the leaves {@code yFused} was computed from
     * @param composite the same values as separate leaves, which {@code yComposite} was computed from
     */
    static void assertGradientsAgree(String name, Tensor yFused, Tensor[] fused, Tensor yComposite,
                                     Tensor[] composite, Tensor up, Tolerance tol) {
        yFused.backward(up);
        Functional.compositeOnly(() -> {
            yComposite.backward(up);
            return null;
        });
        for (int i = 0; i < fused.length; i++) {
            if (composite[i].grad() == null) {
                assertThat(fused[i].grad()).as(name + " input " + i + " has no gradient").isNull();
                continue;
            }
            assertClose(name + " gradient of input " + i, fused[i].grad(), composite[i].grad(), tol);
        }
    }
}
