package dev.seedling.io;

import dev.seedling.tensor.DType;
import dev.seedling.tensor.Tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Turns one validated entry's bytes into a tensor on the current backend. Bytes are copied through a bounded staging
 * buffer, so a tensor that spans several mappings (or is larger than any one) decodes the same way as a small one.
 */
final class TensorDecoder {
    /** Staging buffer bound: big enough to amortise reads, small beside any tensor worth mapping. */
    private static final int STAGING_BYTES = 1 << 22;

    private TensorDecoder() {
    }

    /** Decodes {@code e}, whose data starts at file offset {@code dataStart + e.begin()}. */
    static Tensor decode(Path file, ByteSource source, long dataStart, TensorEntry e) {
        DType target = e.dtype().loadsAs().orElseThrow(() -> new SafeTensorsFormatException(file, e.name(),
                dataStart + e.begin(), "dtype " + e.dtype() + " has no lossless Seedling type (Seedling loads F32, "
                + "F16 and BF16 as F32, I32 and I64 as themselves, BOOL/U8/I8/I16/U16 as I32 and U32 as I64)"));
        int n = e.shape().numel();
        int[] dims = e.shape().toArray();
        return switch (target) {
            case F32 -> {
                float[] out = new float[n];
                stream(source, dataStart + e.begin(), e, n, (buf, at, count) -> floats(e.dtype(), buf, out, at, count));
                yield Tensor.of(out, dims);
            }
            case I32 -> {
                int[] out = new int[n];
                stream(source, dataStart + e.begin(), e, n, (buf, at, count) -> ints(e.dtype(), buf, out, at, count));
                yield Tensor.ofInts(out, dims);
            }
            case I64 -> {
                long[] out = new long[n];
                stream(source, dataStart + e.begin(), e, n, (buf, at, count) -> longs(e.dtype(), buf, out, at, count));
                yield Tensor.ofLongs(out, dims);
            }
            default -> throw new IllegalStateException("no decoder into " + target);
        };
    }

    /** Receives {@code count} elements, starting at element {@code at}, little-endian in {@code buf}. */
    private interface Block {
        void accept(ByteBuffer buf, int at, int count);
    }

    private static void stream(ByteSource source, long position, TensorEntry e, int n, Block block) {
        int size = e.dtype().byteSize();
        int perBlock = Math.max(1, Math.min(n, STAGING_BYTES / size));
        byte[] staging = new byte[perBlock * size];
        for (int at = 0; at < n; at += perBlock) {
            int count = Math.min(perBlock, n - at);
            source.read(position + (long) at * size, staging, 0, count * size);
            block.accept(ByteBuffer.wrap(staging, 0, count * size).order(ByteOrder.LITTLE_ENDIAN), at, count);
        }
    }

    private static void floats(SafeTensorsDType t, ByteBuffer buf, float[] out, int at, int count) {
        switch (t) {
            case F32 -> buf.asFloatBuffer().get(out, at, count);
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    out[at + i] = HalfFloats.f16ToFloat(buf.getShort());
                }
            }
            case BF16 -> {
                for (int i = 0; i < count; i++) {
                    out[at + i] = HalfFloats.bf16ToFloat(buf.getShort());
                }
            }
            default -> throw new IllegalStateException("not a float dtype: " + t);
        }
    }

    private static void ints(SafeTensorsDType t, ByteBuffer buf, int[] out, int at, int count) {
        switch (t) {
            case I32 -> buf.asIntBuffer().get(out, at, count);
            case BOOL -> {
                for (int i = 0; i < count; i++) {
                    out[at + i] = buf.get() != 0 ? 1 : 0;
                }
            }
            case U8 -> {
                for (int i = 0; i < count; i++) {
                    out[at + i] = buf.get() & 0xFF;
                }
            }
            case I8 -> {
                for (int i = 0; i < count; i++) {
                    out[at + i] = buf.get();
                }
            }
            case I16 -> {
                for (int i = 0; i < count; i++) {
                    out[at + i] = buf.getShort();
                }
            }
            case U16 -> {
                for (int i = 0; i < count; i++) {
                    out[at + i] = buf.getShort() & 0xFFFF;
                }
            }
            default -> throw new IllegalStateException("not an I32-loading dtype: " + t);
        }
    }

    private static void longs(SafeTensorsDType t, ByteBuffer buf, long[] out, int at, int count) {
        switch (t) {
            case I64 -> buf.asLongBuffer().get(out, at, count);
            case U32 -> {
                for (int i = 0; i < count; i++) {
                    out[at + i] = buf.getInt() & 0xFFFFFFFFL;
                }
            }
            default -> throw new IllegalStateException("not an I64-loading dtype: " + t);
        }
    }
}
