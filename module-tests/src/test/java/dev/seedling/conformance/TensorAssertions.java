package dev.seedling.conformance;

import dev.seedling.tensor.Shape;
import dev.seedling.tensor.Tensor;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Element-wise comparison of a tensor with reference values, reporting the worst element. */
public final class TensorAssertions {
    private TensorAssertions() {
    }

    /** Asserts {@code actual} has {@code shape} and every element is within {@code tol} of {@code expected}. */
    public static void assertClose(String what, Tensor actual, int[] shape, double[] expected, Tolerance tol) {
        assertThat(actual.shape()).as(what + ": shape").isEqualTo(Shape.of(shape));
        assertClose(what, actual.toFloatArray(), expected, tol);
    }

    /** Asserts {@code actual} has {@code expected}'s shape and is within {@code tol} of it elementwise. */
    public static void assertClose(String what, Tensor actual, Tensor expected, Tolerance tol) {
        assertThat(actual.shape()).as(what + ": shape").isEqualTo(expected.shape());
        float[] e = expected.toFloatArray();
        double[] d = new double[e.length];
        for (int i = 0; i < e.length; i++) {
            d[i] = e[i];
        }
        assertClose(what, actual.toFloatArray(), d, tol);
    }

    /** Asserts two arrays agree within {@code tol}; the failure names the worst element. */
    public static void assertClose(String what, float[] actual, double[] expected, Tolerance tol) {
        assertThat(actual.length).as(what + ": number of elements").isEqualTo(expected.length);
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < actual.length; i++) {
            if (!tol.accepts(actual[i], expected[i])) {
                double excess = Double.isFinite(expected[i])
                        ? Math.abs(actual[i] - expected[i]) - (tol.atol() + tol.rtol() * Math.abs(expected[i]))
                        : Double.POSITIVE_INFINITY;
                if (worst < 0 || excess > worstExcess || Double.isNaN(excess)) {
                    worst = i;
                    worstExcess = excess;
                }
            }
        }
        if (worst >= 0) {
            fail("%s: element %d is %s but the reference is %s (tolerance %s)%nactual:   %s%nexpected: %s", what, worst,
                    actual[worst], expected[worst], tol, abbreviate(Arrays.toString(actual)),
                    abbreviate(Arrays.toString(expected)));
        }
    }

    /** Asserts an integer-valued tensor equals {@code expected} exactly. */
    public static void assertLongs(String what, Tensor actual, int[] shape, long[] expected) {
        assertThat(actual.shape()).as(what + ": shape").isEqualTo(Shape.of(shape));
        assertThat(actual.toLongArray()).as(what).containsExactly(expected);
    }

    private static String abbreviate(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }
}
