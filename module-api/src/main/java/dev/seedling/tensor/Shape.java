package dev.seedling.tensor;

import java.util.Arrays;

/**
 * An immutable tensor shape: the size of each dimension, outermost first. A rank-0 shape is a scalar. Dimension
 * indices may be negative and count from the end, as in NumPy. Sizes are {@code int}; a tensor holds at most
 * {@link Integer#MAX_VALUE} elements. The rank is not limited; {@link #toString} and {@link #format} abbreviate a
 * shape of more than {@value #FULL_RANK} dimensions so that exception messages stay short.
 */
public final class Shape {
    /** The highest rank {@link #format} writes in full. */
    public static final int FULL_RANK = 16;
    /** Leading and trailing dimensions {@link #format} keeps of a longer shape. */
    private static final int HEAD = 8;
    private static final int TAIL = 4;

    private static final Shape SCALAR = new Shape(new int[0]);
    private final int[] dims;
    private final int numel;

    private Shape(int[] dims) {
        this.dims = dims;
        long n = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("shape " + format(dims) + " has a negative dimension");
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + format(dims) + " has more than 2^31-1 elements");
            }
        }
        this.numel = (int) n;
    }

    /** A shape with the given sizes (copied). */
    public static Shape of(int... dims) {
        return dims.length == 0 ? SCALAR : new Shape(dims.clone());
    }

    /** The rank-0 shape. */
    public static Shape scalar() {
        return SCALAR;
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** Size of dimension {@code dim} (negative counts from the end). */
    public int size(int dim) {
        return dims[normalize(dim)];
    }

    /** A copy of the sizes. */
    public int[] toArray() {
        return dims.clone();
    }

    /** Total number of elements (1 for a scalar). */
    public int numel() {
        return numel;
    }

    /**
     * Maps a possibly negative dimension index to {@code [0, rank)}.
     *
     * @throws IndexOutOfBoundsException naming the dimension and the shape when it is out of range
     */
    public int normalize(int dim) {
        int r = dims.length;
        int d = dim < 0 ? dim + r : dim;
        if (d < 0 || d >= r) {
            throw new IndexOutOfBoundsException("dimension " + dim + " is out of range for shape " + this
                    + " (rank " + r + ")");
        }
        return d;
    }

    /** Product of the sizes of dimensions {@code [from, to)}. */
    public int product(int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) {
            p *= dims[i];
        }
        return p;
    }

    /** Contiguous (row-major) strides for this shape. */
    public int[] contiguousStrides() {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= Math.max(dims[i], 1);
        }
        return s;
    }

    /** This shape with dimension {@code dim} replaced by {@code size}. */
    public Shape with(int dim, int size) {
        int[] d = dims.clone();
        d[normalize(dim)] = size;
        return new Shape(d);
    }

    /** This shape without dimension {@code dim}. */
    public Shape without(int dim) {
        int n = normalize(dim);
        int[] d = new int[dims.length - 1];
        for (int i = 0, j = 0; i < dims.length; i++) {
            if (i != n) {
                d[j++] = dims[i];
            }
        }
        return new Shape(d);
    }

    /**
     * The NumPy broadcast of two shapes.
     *
     * @throws ShapeMismatchException naming {@code op} and both shapes when they do not broadcast
     */
    public static Shape broadcast(String op, Shape a, Shape b) {
        int r = Math.max(a.rank(), b.rank());
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.rank() ? 1 : a.dims[i - (r - a.rank())];
            int db = i < r - b.rank() ? 1 : b.dims[i - (r - b.rank())];
            if (da != db && da != 1 && db != 1) {
                throw new ShapeMismatchException(op + ": shapes " + a + " and " + b
                        + " cannot be broadcast (dimension " + i + ": " + da + " vs " + db + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return new Shape(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** {@code [2, 3]}; abbreviated beyond {@value #FULL_RANK} dimensions as {@link #format} describes. */
    @Override
    public String toString() {
        return format(dims);
    }

    /**
     * Sizes (a shape, its strides, a permutation, a list of dimensions) as exception messages show them: up to
     * {@value #FULL_RANK} in full as {@link Arrays#toString(int[])} writes them ({@code [2, 3]}, {@code null} for
     * null); more as the first 8, an ellipsis, the last 4 and the count, e.g.
     * {@code [1, 2, 3, 4, 5, 6, 7, 8, …, 97, 98, 99, 100] (rank 100)}, so that a message stays short whatever the
     * rank.
     */
    public static String format(int[] sizes) {
        if (sizes == null || sizes.length <= FULL_RANK) {
            return Arrays.toString(sizes);
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < HEAD; i++) {
            sb.append(sizes[i]).append(", ");
        }
        sb.append('…');
        for (int i = sizes.length - TAIL; i < sizes.length; i++) {
            sb.append(", ").append(sizes[i]);
        }
        return sb.append("] (rank ").append(sizes.length).append(')').toString();
    }
}
