package dev.seedling.io;

/** Conversions between F32 and the 16-bit float encodings of the safetensors format. */
final class HalfFloats {
    private HalfFloats() {
    }

    /** A bfloat16 value as F32: exact, the 16 bits become the upper half of the F32. */
    static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** F32 to bfloat16, round to nearest, ties to even; any NaN gives the quiet NaN 0x7FC0, as PyTorch's does. */
    static short floatToBf16(float value) {
        if (Float.isNaN(value)) {
            return (short) 0x7FC0;
        }
        int bits = Float.floatToRawIntBits(value);
        int roundingBias = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + roundingBias) >>> 16);
    }

    /** An IEEE binary16 value as F32: exact. */
    static float f16ToFloat(short bits) {
        return Float.float16ToFloat(bits);
    }

    /** F32 to IEEE binary16, round to nearest, ties to even (overflow gives an infinity). */
    static short floatToF16(float value) {
        return Float.floatToFloat16(value);
    }
}
