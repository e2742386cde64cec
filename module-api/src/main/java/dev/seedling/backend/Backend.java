package dev.seedling.backend;

import dev.seedling.tensor.DType;

import java.util.Optional;

/**
 * The backend SPI: the primitive kernels every backend implements. Everything else (autograd, broadcasting rules,
 * views, softmax, norms, cross-entropy, attention) is written once above this interface, in {@code dev.seedling.tensor}.
 *
 * <p>Contracts shared by all kernels:
 * <ul>
 *   <li>Arithmetic kernels read and write {@link DType#F32}; index arguments are {@link DType#I32} or
 *       {@link DType#I64}. The API checks dtypes and shapes before calling; kernels check index <em>values</em>
 *       and throw {@link IndexOutOfBoundsException} naming the offending index, never writing garbage.</li>
 *   <li>An output storage ({@code dst}) is written contiguously from offset 0 unless a {@link Strided} view is given,
 *       and never aliases an input unless the method says so.</li>
 *   <li>"{@code [outer, n, inner]}" means a contiguous block read as three nested axes; a reduction or index over
 *       the middle axis is how every per-dimension op reaches a backend.</li>
 *   <li>Kernels are thread-safe: several threads may call them with disjoint outputs.</li>
 * </ul>
 */
public interface Backend {
    /** The name it was selected by ({@code cpu}, {@code opencl}). */
    String name();

    /** One line about the device: model, cores or compute units, memory, SIMD width. */
    String description();

    // ---- memory ------------------------------------------------------------------------------------------------

    /** A zero-filled storage. */
    Storage allocate(DType dtype, int size);

    /**
     * A storage whose contents are unspecified until written ({@code torch.empty}), for the output of a method below
     * that writes every element of it: {@link #unary}, {@link #binary}, {@link #where}, {@link #matmul} and the
     * {@link FusedKernels} outputs. Spares zeroing memory that is about to be overwritten. The default is
     * {@link #allocate}.
     */
    default Storage allocateUninitialised(DType dtype, int size) {
        return allocate(dtype, size);
    }

    /** A storage holding a copy of {@code data} (F32). */
    Storage upload(float[] data);

    /** A storage holding a copy of {@code data} (I32). */
    Storage upload(int[] data);

    /** A storage holding a copy of {@code data} (I64). */
    Storage upload(long[] data);

    /** Copies {@code n} elements from {@code offset} of an F32 storage to the host. */
    float[] readFloats(Storage src, int offset, int n);

    /** Copies {@code n} elements from {@code offset} of an I32 or I64 storage to the host, widened to long. */
    long[] readLongs(Storage src, int offset, int n);

    // ---- movement ----------------------------------------------------------------------------------------------

    /**
     * {@code dst[i] = src[i]} for every index {@code i} of {@code shape}, converting between dtypes when they differ
     * (float to integer truncates toward zero). {@code dst} may be strided but must not overlap {@code src}.
     */
    void copy(int[] shape, Strided src, Strided dst);

    /** Sets {@code n} elements of {@code dst} from {@code offset} to {@code value} (converted to the dtype). */
    void fill(Storage dst, int offset, int n, double value);

    // ---- elementwise -------------------------------------------------------------------------------------------

    /** {@code dst = op(src)} over {@code shape}; {@code dst} contiguous F32, every element written. */
    void unary(UnaryOp op, int[] shape, Strided src, Storage dst);

    /**
     * {@code dst = op(a, b)} over {@code shape}; inputs broadcast through zero strides; {@code dst} contiguous F32.
     * {@code dst} may be {@code a}'s storage when {@code a} is contiguous from offset 0 over {@code shape} (each element
     * is read before it is written): the autograd engine sums gradients in place this way. Every element of
     * {@code dst} is written.
     */
    void binary(BinaryOp op, int[] shape, Strided a, Strided b, Storage dst);

    /** {@code dst = cond != 0 ? a : b} over {@code shape}; {@code cond} is F32; {@code dst} contiguous F32, every
     * element written. */
    void where(int[] shape, Strided cond, Strided a, Strided b, Storage dst);

    // ---- reductions and scans ----------------------------------------------------------------------------------

    /**
     * Reduces the middle axis of the contiguous block {@code src[offset ..]} read as {@code [outer, n, inner]} into
     * {@code dst} of shape {@code [outer, inner]} (F32, or I64 for ARGMAX/ARGMIN). {@code n} is at least 1.
     */
    void reduce(ReduceOp op, Storage src, int offset, int outer, int n, int inner, Storage dst);

    /** Inclusive prefix sum along the middle axis of {@code [outer, n, inner]}; {@code dst} has the same shape. */
    void cumsum(Storage src, int offset, int outer, int n, int inner, Storage dst);

    /**
     * The {@code k} largest (or smallest) entries along the middle axis of {@code [outer, n, inner]}, sorted, with ties
     * broken by the lower index. Writes values (F32) and their indices (I64), both of shape {@code [outer, k, inner]}.
     */
    void topk(Storage src, int offset, int outer, int n, int inner, int k, boolean largest,
              Storage values, Storage indices);

    // ---- linear algebra ----------------------------------------------------------------------------------------

    /** Batched matrix product per {@link MatmulSpec}; {@code c} is written in full, contiguously as
     * {@code [batch, m, n]} (zeros when {@code k = 0}). */
    void matmul(MatmulSpec spec, Storage a, int aOffset, Storage b, int bOffset, Storage c);

    // ---- indexing ----------------------------------------------------------------------------------------------

    /**
     * Gathers along the middle axis. {@code src} is {@code [outer, n, inner]}; the result is {@code [outer, k, inner]}.
     * With {@code perPosition == false} the index is a vector of {@code k} entries shared by every (outer, inner)
     * position ({@code index_select}, embedding lookup); otherwise it is {@code [outer, k, inner]} ({@code gather}).
     *
     * @throws IndexOutOfBoundsException when an index is outside {@code [0, n)}
     */
    void gather(Storage src, int srcOffset, int outer, int n, int inner,
                Storage index, int indexOffset, int k, boolean perPosition, Storage dst);

    /**
     * The adjoint of {@link #gather}: {@code dst[o, index[.], i] += src[o, j, i]} with {@code dst} of shape
     * {@code [outer, n, inner]} updated in place (accumulating repeated indices) and {@code src} of shape
     * {@code [outer, k, inner]}.
     *
     * @throws IndexOutOfBoundsException when an index is outside {@code [0, n)}
     */
    void scatterAdd(Storage dst, int outer, int n, int inner,
                    Storage index, int indexOffset, int k, boolean perPosition, Storage src, int srcOffset);

    // ---- optional fused kernels --------------------------------------------------------------------------------

    /**
     * Fused kernels this backend offers for composites that the API otherwise builds from primitives. Each must
     * match its composite within float rounding; the conformance suite checks that.
     */
    default Optional<FusedKernels> fused() {
        return Optional.empty();
    }
}
