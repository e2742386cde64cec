package dev.seedling.backend;

/**
 * A strided view handed to a kernel: element {@code (i0, i1, ...)} lives at
 * {@code offset + i0*strides[0] + i1*strides[1] + ...} of {@code storage}. A stride of 0 repeats an element
 * (broadcasting). The shape is passed to the kernel separately because several views share it.
 */
public record Strided(Storage storage, int offset, int[] strides) {

    /** A contiguous view of a whole storage reshaped to {@code shape}. */
    public static Strided contiguous(Storage storage, int offset, int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= Math.max(shape[i], 1);
        }
        return new Strided(storage, offset, s);
    }

    /** Whether the view walks memory in row-major order without gaps for the given shape. */
    public boolean isContiguous(int[] shape) {
        for (int d : shape) {
            if (d == 0) {
                return true;   // no elements: any strides describe the (empty) row-major layout
            }
        }
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != acc) {
                return false;
            }
            acc *= shape[i];
        }
        return true;
    }
}
