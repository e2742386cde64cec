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
    /** One byte, 0 false and non-zero true; loads as I32 0/1. */
    BOOL(1, DType.I32),
    /** Unsigned byte; loads as I32. */
    U8(1, DType.I32),
    /** Signed byte; loads as I32. */
    I8(1, DType.I32),
    /** 8-bit float, 5 exponent bits; refused. */
    F8_E5M2(1, null),
    /** 8-bit float, 4 exponent bits; refused. */
    F8_E4M3(1, null),
    /** 16-bit signed integer; loads as I32. */
    I16(2, DType.I32),
    /** 16-bit unsigned integer; loads as I32. */
    U16(2, DType.I32),
    /** IEEE binary16; loads as F32, exactly. */
    F16(2, DType.F32),
    /** bfloat16; loads as F32, exactly. */
    BF16(2, DType.F32),
    /** 32-bit signed integer; loads as I32. */
    I32(4, DType.I32),
    /** 32-bit unsigned integer; loads as I64. */
    U32(4, DType.I64),
    /** 32-bit IEEE float; loads as F32. */
    F32(4, DType.F32),
    /** 64-bit IEEE float; refused (narrowing to F32 would lose precision). */
    F64(8, null),
    /** 64-bit signed integer; loads as I64. */
    I64(8, DType.I64),
    /** 64-bit unsigned integer; refused (values above 2^63-1 do not fit I64). */
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
