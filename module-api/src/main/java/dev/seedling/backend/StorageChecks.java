package dev.seedling.backend;

/**
 * The checks every backend makes on its storages, worded once: a range of elements inside a storage, a released
 * storage, and an index or class target outside its bound. Each message starts with the backend's name (or the op's)
 * and names the offending numbers, the storage's size and its dtype.
 */
public final class StorageChecks {
    private StorageChecks() {
    }

    /**
     * Checks that {@code [offset, offset + n)} lies inside {@code s}.
     *
     * @param backend the backend's name, for the message ({@code cpu})
     * @param op      the op that reads or writes the range ({@code readFloats})
     * @throws IndexOutOfBoundsException when {@code offset} or {@code n} is negative or the range ends past
     *                                   {@code s.size()}
     */
    public static void checkRange(String backend, Storage s, int offset, int n, String op) {
        if (offset < 0 || n < 0 || (long) offset + n > s.size()) {
            throw new IndexOutOfBoundsException(backend + " " + op + ": range [" + offset + ", " + ((long) offset + n)
                    + ") is outside a storage of " + s.size() + " " + s.dtype() + " elements");
        }
    }

    /** The error for a kernel that touches {@code s} after {@link Storage#close()}; to throw. */
    public static IllegalStateException released(String backend, Storage s) {
        return new IllegalStateException(backend + ": storage of " + s.size() + " " + s.dtype()
                + " elements was released");
    }

    /**
     * The error for index value {@code value}, at {@code position} of the index tensor, outside {@code [0, n)}
     * (gather, scatterAdd); to throw.
     */
    public static IndexOutOfBoundsException indexOutOfRange(String op, long value, int position, int n) {
        return new IndexOutOfBoundsException(op + ": index " + value + " (at position " + position
                + " of the index tensor) is out of range [0, " + n + ")");
    }

    /**
     * The error for a cross-entropy target {@code target} of row {@code row}, neither {@code ignoreIndex} nor in
     * {@code [0, classes)}; to throw.
     */
    public static IndexOutOfBoundsException targetOutOfRange(long target, int row, int classes, long ignoreIndex) {
        return new IndexOutOfBoundsException("crossEntropy: target " + target + " at row " + row
                + " is out of range [0, " + classes + ") (ignore index " + ignoreIndex + ")");
    }
}
