package dev.seedling.conformance;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;

/**
 * Plain scalar Java implementations in double precision that the conformance tests compare ops against: NumPy
 * broadcasting, reductions over one dimension and batched matrix products. Deliberately naive: loops over
 * coordinates, no strides, no vectors.
 */
public final class ScalarReference {
    private ScalarReference() {
    }

    /** Row-major strides of {@code shape}. */
    public static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** The NumPy broadcast shape of {@code a} and {@code b}. */
    public static int[] broadcastShape(int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.length ? 1 : a[i - (r - a.length)];
            int db = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(Arrays.toString(a) + " vs " + Arrays.toString(b));
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Element of {@code values} (shape {@code shape}) that broadcasts to coordinate {@code coord} of a larger shape. */
    public static double at(float[] values, int[] shape, int[] coord) {
        int lead = coord.length - shape.length;
        int flat = 0;
        int[] st = strides(shape);
        for (int i = 0; i < shape.length; i++) {
            flat += (shape[i] == 1 ? 0 : coord[i + lead]) * st[i];
        }
        return values[flat];
    }

    /** Coordinates of row-major index {@code flat} in {@code shape}. */
    public static int[] coord(int flat, int[] shape) {
        int[] c = new int[shape.length];
        for (int i = shape.length - 1; i >= 0; i--) {
            c[i] = flat % shape[i];
            flat /= shape[i];
        }
        return c;
    }

    /** {@code op(a, b)} with NumPy broadcasting, row-major over the broadcast shape. */
    public static double[] binary(float[] a, int[] aShape, float[] b, int[] bShape, DoubleBinaryOperator op) {
        int[] out = broadcastShape(aShape, bShape);
        double[] r = new double[Samples.numel(out)];
        for (int i = 0; i < r.length; i++) {
            int[] c = coord(i, out);
            r[i] = op.applyAsDouble(at(a, aShape, c), at(b, bShape, c));
        }
        return r;
    }

    /** A reduction of one row of values to one number. */
    @FunctionalInterface
    public interface RowReduction {
        double apply(double[] row);
    }

    /** Reduces dimension {@code dim} of {@code x} with {@code f}; the result drops that dimension (row-major). */
    public static double[] reduce(float[] x, int[] shape, int dim, RowReduction f) {
        int outer = Samples.numel(Arrays.copyOfRange(shape, 0, dim));
        int n = shape[dim];
        int inner = Samples.numel(Arrays.copyOfRange(shape, dim + 1, shape.length));
        double[] out = new double[outer * inner];
        double[] row = new double[n];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                for (int j = 0; j < n; j++) {
                    row[j] = x[(o * n + j) * inner + i];
                }
                out[o * inner + i] = f.apply(row);
            }
        }
        return out;
    }

    /** A map of one row to a row of the same length (softmax, cumsum). */
    @FunctionalInterface
    public interface RowMap {
        double[] apply(double[] row);
    }

    /** Applies {@code f} to every row along {@code dim}, keeping the shape. */
    public static double[] alongDim(float[] x, int[] shape, int dim, RowMap f) {
        int outer = Samples.numel(Arrays.copyOfRange(shape, 0, dim));
        int n = shape[dim];
        int inner = Samples.numel(Arrays.copyOfRange(shape, dim + 1, shape.length));
        double[] out = new double[x.length];
        double[] row = new double[n];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                for (int j = 0; j < n; j++) {
                    row[j] = x[(o * n + j) * inner + i];
                }
                double[] y = f.apply(row);
                for (int j = 0; j < n; j++) {
                    out[(o * n + j) * inner + i] = y[j];
                }
            }
        }
        return out;
    }

    /** {@code a[batch..., m, k] · b[batch..., k, n]} with broadcast batch dims (both operands at least 2-D). */
    public static double[] matmul(float[] a, int[] aShape, float[] b, int[] bShape) {
        int ra = aShape.length;
        int rb = bShape.length;
        int m = aShape[ra - 2];
        int k = aShape[ra - 1];
        int n = bShape[rb - 1];
        int[] aBatch = Arrays.copyOf(aShape, ra - 2);
        int[] bBatch = Arrays.copyOf(bShape, rb - 2);
        int[] batch = broadcastShape(aBatch, bBatch);
        int batches = Samples.numel(batch);
        double[] c = new double[batches * m * n];
        for (int t = 0; t < batches; t++) {
            int[] bc = coord(t, batch);
            int aOff = flatBatch(bc, aBatch) * m * k;
            int bOff = flatBatch(bc, bBatch) * k * n;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double acc = 0;
                    for (int p = 0; p < k; p++) {
                        acc += (double) a[aOff + i * k + p] * b[bOff + p * n + j];
                    }
                    c[(t * m + i) * n + j] = acc;
                }
            }
        }
        return c;
    }

    private static int flatBatch(int[] coord, int[] shape) {
        int lead = coord.length - shape.length;
        int flat = 0;
        for (int i = 0; i < shape.length; i++) {
            flat = flat * shape[i] + (shape[i] == 1 ? 0 : coord[i + lead]);
        }
        return flat;
    }

    /** Widens floats to doubles. */
    public static double[] widen(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    /** The standard normal CDF via erf, for the GELU reference (Abramowitz-Stegun 7.1.26 is too coarse; this is not). */
    public static double phi(double x) {
        return 0.5 * (1 + erf(x / Math.sqrt(2)));
    }

    /** erf by its Taylor series (|x| < 3) or 1 - erfc by its asymptotic series, to about 1e-13: enough for float32. */
    public static double erf(double x) {
        double ax = Math.abs(x);
        double r;
        if (ax < 3) {
            double sum = 0;
            double term = ax;
            for (int n = 0; n < 200; n++) {
                sum += term / (2 * n + 1);
                term *= -ax * ax / (n + 1);
            }
            r = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            // erfc x ~ e^{-x²}/(x√π) · Σ (-1)^n (2n-1)!! / (2x²)^n, a few terms suffice for x >= 3
            double s = 1;
            double term = 1;
            for (int n = 1; n < 8; n++) {
                term *= -(2 * n - 1) / (2 * ax * ax);
                s += term;
            }
            r = 1 - Math.exp(-ax * ax) / (ax * Math.sqrt(Math.PI)) * s;
        }
        return x < 0 ? -r : r;
    }
}
