package dev.seedling.conformance;

/**
 * How close a float32 result must be to its reference: {@code |actual - expected| <= atol + rtol·|expected|}.
 * Every value the suite uses is a constant of {@link Tolerances}.
 */
public record Tolerance(double atol, double rtol) {

    /** Whether {@code actual} is close enough to {@code expected}; NaN matches NaN and infinities match exactly. */
    public boolean accepts(double actual, double expected) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            return Double.compare(actual, expected) == 0 || (Double.isNaN(actual) && Double.isNaN(expected));
        }
        return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
    }
}
