package dev.seedling.backend;

/**
 * Optional single-pass kernels for composites. Inputs are contiguous {@code [rows, cols]} F32 blocks; outputs are
 * contiguous. A backend that offers them must match the composite the API defines (see {@code Functional}).
 */
public interface FusedKernels {
    /** Row-wise softmax, or log-softmax when {@code log}. */
    void softmax(Storage src, int offset, int rows, int cols, boolean log, Storage dst);

    /** {@code dst = x / sqrt(mean(x²) + eps) * weight} per row; {@code weight} may be null (no affine). */
    void rmsNorm(Storage x, int offset, int rows, int cols, Storage weight, int weightOffset, float eps, Storage dst);

    /** {@code dst = (x - mean) / sqrt(var + eps) * weight + bias} per row (biased variance); affine parts may be null. */
    void layerNorm(Storage x, int offset, int rows, int cols, Storage weight, int weightOffset, Storage bias,
                   int biasOffset, float eps, Storage dst);
}
