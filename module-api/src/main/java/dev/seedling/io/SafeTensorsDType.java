package dev.seedling.io;

import dev.seedling.tensor.DType;

import java.util.Optional;

/**
 * The element types a safetensors header may name, in the order of the reference implementation's {@code Dtype}
 * enum (writers sort tensors by this order, descending, then by name, which keeps every tensor's data aligned to its
 * element size).
 *
 * <p>What loading gives: F32, F16 and BF16 become {@link DType#F32} (F16 and BF16 exactly: every half value is an
 * F32 value); I32 and I64 stay as they are; BOOL, U8, I8, I16 and U16 become {@link DType#I32} and U32 becomes
 * {@link DType#I64}, losslessly (BOOL gives 0 or 1, any non-zero byte counting as true). F8 variants, F64 and U64
 * have no lossless Seedling type and are refused with a {@link SafeTensorsFormatException} naming the tensor.
 */
public enum SafeTensorsDType {
    BOOL(1, DType.I32),
    U8(1, DType.I32),
    I8(1, DType.I32),
    F8_E5M2(1, null),
    F8_E4M3(1, null),
    I16(2, DType.I32),
    U16(2, DType.I32),
    F16(2, DType.F32),
    BF16(2, DType.F32),
    I32(4, DType.I32),
    U32(4, DType.I64),
    F32(4, DType.F32),
    F64(8, null),
    I64(8, DType.I64),
    U64(8, null);

    private final int byteSize;
    private final DType loadsAs;

    SafeTensorsDType(int byteSize, DType loadsAs) {
        this.byteSize = byteSize;
        this.loadsAs = loadsAs;
    }

    /** Bytes per element in the file. */
    public int byteSize() {
        return byteSize;
    }

    /** The Seedling dtype a tensor of this type loads as; empty where Seedling refuses to load it. */
    public Optional<DType> loadsAs() {
        return Optional.ofNullable(loadsAs);
    }

    /** The type a header string names ({@code "F32"}), or empty for a string the format does not define. */
    public static Optional<SafeTensorsDType> fromName(String name) {
        for (SafeTensorsDType t : values()) {
            if (t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The file type a Seedling tensor of {@code dtype} is written as (F32 ones before any {@link FloatStorage}). */
    static SafeTensorsDType of(DType dtype) {
        return switch (dtype) {
            case F32 -> F32;
            case I32 -> I32;
            case I64 -> I64;
            // DType promises no exhaustive switches outside Storage: a new constant must fail here, not compile-break.
            default -> throw new IllegalArgumentException("SafeTensors.write: dtype " + dtype + " has no safetensors "
                    + "mapping yet");
        };
    }
}
