package dev.seedling.backend;

import dev.seedling.tensor.DType;

/**
 * A flat buffer of elements of one {@link DType} owned by one {@link Backend}. Tensors are views (offset, shape,
 * strides) over a storage; several tensors may share one.
 *
 * <p>Ownership: a storage is released by {@link #close()} (usually through a {@code TensorScope}) or, as a safety net,
 * when it becomes unreachable. After release every kernel that touches it throws {@link IllegalStateException}.
 * Implementations are safe to read from several threads; concurrent writes to overlapping ranges are the caller's
 * problem, as with arrays.
 */
public interface Storage extends AutoCloseable {
    /** The backend whose kernels may read and write this storage. */
    Backend backend();

    /** Element type. */
    DType dtype();

    /** Number of elements. */
    int size();

    /** Bytes held on the device (0 once released). */
    default long bytes() {
        return isReleased() ? 0 : (long) size() * dtype().byteSize();
    }

    /** Whether {@link #close()} has released the buffer. */
    boolean isReleased();

    /** Releases the buffer now; idempotent. */
    @Override
    void close();
}
