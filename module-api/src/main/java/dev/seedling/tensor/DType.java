package dev.seedling.tensor;

/**
 * Element types. {@link #F32} is the compute type; {@link #I32} and {@link #I64} hold indices (token ids, gather and
 * scatter indices, arg-max results). Half-precision storage types (BF16, F16) will be added as new constants with
 * their own storage; nothing outside {@code Storage} implementations switches on the set of constants exhaustively.
 */
public enum DType {
    /** 32-bit IEEE float: the type every arithmetic op computes in. */
    F32(4, false),
    /** 32-bit signed integer: indices. */
    I32(4, true),
    /** 64-bit signed integer: indices, the PyTorch default for class targets and arg-max. */
    I64(8, true);

    private final int byteSize;
    private final boolean integral;

    DType(int byteSize, boolean integral) {
        this.byteSize = byteSize;
        this.integral = integral;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** Whether this is an integer (index) type. */
    public boolean isIntegral() {
        return integral;
    }
}
