package dev.seedling.backend;

/**
 * The geometry of a batched matrix product {@code C[b] = op(A[b]) · op(B[b])} with {@code C[b]} of shape
 * {@code m×n}, written contiguously. {@code op(A)} is {@code m×k}: A is stored row-major as {@code m×k}, or as
 * {@code k×m} when {@code transA}. Likewise B is {@code k×n}, or {@code n×k} when {@code transB}. A batch stride
 * of 0 reuses one matrix for every batch entry (broadcasting).
 */
public record MatmulSpec(int batch, int m, int n, int k, boolean transA, boolean transB,
                         int aBatchStride, int bBatchStride) {
    /** Floating-point operations of the product (2·batch·m·n·k). */
    public double flops() {
        return 2.0 * batch * m * n * k;
    }
}
