package dev.seedling.tensor;

import dev.seedling.autograd.GradMode;

import java.util.Arrays;

/**
 * The gradient of a large table as the rows it touches: {@code values[j]} is the gradient of row {@code indices[j]}
 * of a {@code [rows, dim]} table; other rows have zero gradient. Indices may repeat until {@link #coalesce()} sums
 * them. This is what an embedding lookup produces for a table marked {@link Tensor#requiresSparseGrad}: no dense
 * gradient of the table is ever materialised.
 *
 * @param indices I64 {@code [k]}
 * @param values  F32 {@code [k, dim]}
 * @param rows    rows of the table
 */
public record RowSparseGrad(Tensor indices, Tensor values, int rows) {
    public RowSparseGrad {
        if (indices.rank() != 1 || values.rank() != 2 || values.size(0) != indices.size(0)) {
            throw new ShapeMismatchException("RowSparseGrad: indices " + indices.shape() + " and values "
                    + values.shape() + " must be [k] and [k, dim]");
        }
    }

    /** Appends another batch of rows (repeats allowed). */
    RowSparseGrad plus(RowSparseGrad other) {
        return new RowSparseGrad(Tensor.cat(0, indices, other.indices), Tensor.cat(0, values, other.values), rows);
    }

    /** The same gradient with each row index once, ascending, and the values of repeats summed. */
    public RowSparseGrad coalesce() {
        long[] idx = indices.toLongArray();
        long[] unique = Arrays.stream(idx).distinct().sorted().toArray();
        if (unique.length == idx.length && isSorted(idx)) {
            return this;
        }
        long[] slot = new long[idx.length];
        for (int i = 0; i < idx.length; i++) {
            slot[i] = Arrays.binarySearch(unique, idx[i]);
        }
        try (var ng = GradMode.noGrad(); var s = dev.seedling.Seedling.use(values.backend())) {
            Tensor summed = Tensor.zeros(unique.length, values.size(1))
                    .indexAdd(0, Tensor.ofLongs(slot, slot.length), values);
            return new RowSparseGrad(Tensor.ofLongs(unique, unique.length), summed, rows);
        }
    }

    private static boolean isSorted(long[] a) {
        for (int i = 1; i < a.length; i++) {
            if (a[i] <= a[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /** The dense {@code [rows, dim]} equivalent (for tests and small tables). */
    public Tensor toDense() {
        try (var ng = GradMode.noGrad(); var s = dev.seedling.Seedling.use(values.backend())) {
            return Tensor.zeros(rows, values.size(1)).indexAdd(0, indices, values);
        }
    }
}
