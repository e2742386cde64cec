package dev.seedling.data.text;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A read-only, memory-mapped file of little-endian int32 token ids. Mapped in segments of 2^28 tokens (1 GiB) so
 * files over 2 GiB work; nothing is copied to the heap. Immutable and safe for concurrent reads.
 */
public final class TokenFile {
    private static final int SEGMENT_SHIFT = 28;
    private static final int SEGMENT_MASK = (1 << SEGMENT_SHIFT) - 1;

    private final Path path;
    private final long count;
    private final IntBuffer[] segments;

    private TokenFile(Path path, long count, IntBuffer[] segments) {
        this.path = path;
        this.count = count;
        this.segments = segments;
    }

    /**
     * Maps {@code path}.
     *
     * @throws TextSourceException naming the file if it cannot be read or its size is not a multiple of 4
     */
    public static TokenFile map(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long bytes = ch.size();
            if (bytes % 4 != 0) {
                throw new TextSourceException("token file " + path + " has " + bytes
                        + " bytes, not a multiple of 4");
            }
            long count = bytes / 4;
            int n = (int) ((count + SEGMENT_MASK) >>> SEGMENT_SHIFT);
            IntBuffer[] segs = new IntBuffer[n];
            for (int s = 0; s < n; s++) {
                long first = (long) s << SEGMENT_SHIFT;
                long len = Math.min(1L << SEGMENT_SHIFT, count - first);
                segs[s] = ch.map(FileChannel.MapMode.READ_ONLY, first * 4, len * 4)
                        .order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
            }
            return new TokenFile(path, count, segs);
        } catch (IOException e) {
            throw new TextSourceException("cannot map token file " + path + ": " + e, e);
        }
    }

    /** The file. */
    public Path path() {
        return path;
    }

    /** Number of tokens. */
    public long count() {
        return count;
    }

    /**
     * Token {@code index}.
     *
     * @throws IndexOutOfBoundsException outside {@code [0, count())}
     */
    public int get(long index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("token " + index + " outside [0, " + count + ") in " + path);
        }
        return segments[(int) (index >>> SEGMENT_SHIFT)].get((int) (index & SEGMENT_MASK));
    }

    /** Copies tokens {@code [from, from + len)} into {@code dst[offset, offset + len)} as longs. */
    public void read(long from, long[] dst, int offset, int len) {
        if (from < 0 || from + len > count) {
            throw new IndexOutOfBoundsException("tokens [" + from + ", " + (from + len) + ") outside [0, " + count
                    + ") in " + path);
        }
        for (int i = 0; i < len; i++) {
            long t = from + i;
            dst[offset + i] = segments[(int) (t >>> SEGMENT_SHIFT)].get((int) (t & SEGMENT_MASK));
        }
    }

    /** All tokens as an int array; for small files (tests, synthetic data). */
    public int[] toArray() {
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(path + " has " + count + " tokens, too many for an array");
        }
        int[] out = new int[(int) count];
        for (int i = 0; i < out.length; i++) {
            out[i] = get(i);
        }
        return out;
    }
}
