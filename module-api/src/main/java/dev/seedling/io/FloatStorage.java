package dev.seedling.io;

/**
 * How {@link SafeTensors#write} stores F32 tensors. I32 and I64 tensors are always stored as they are.
 *
 * <p>{@link #F16} and {@link #BF16} round to nearest, ties to even, as {@code torch.Tensor.to} and
 * {@code numpy.astype} do; values beyond the half-precision range become infinities (F16 overflows above 65504).
 * BF16 stores every NaN as the quiet NaN {@code 0x7FC0}, as PyTorch does.
 */
public enum FloatStorage {
    /** 32-bit IEEE floats, bit for bit. */
    F32(SafeTensorsDType.F32),
    /** IEEE binary16 (safetensors {@code F16}). */
    F16(SafeTensorsDType.F16),
    /** bfloat16: the upper 16 bits of an F32, rounded (safetensors {@code BF16}). */
    BF16(SafeTensorsDType.BF16);

    private final SafeTensorsDType stored;

    FloatStorage(SafeTensorsDType stored) {
        this.stored = stored;
    }

    /** The dtype F32 tensors get in the file. */
    public SafeTensorsDType storedAs() {
        return stored;
    }
}
