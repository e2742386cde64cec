package dev.seedling.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Random-access reads of a file's bytes: positional channel reads for eager loading, or read-only memory mappings for
 * lazy loading. Callers have already checked every range against {@link #size()}. Reads are thread-safe.
 */
sealed interface ByteSource permits ByteSource.ChannelSource, ByteSource.MappedSource {
    /** Default size of one mapping; a file larger than this is covered by several. */
    long DEFAULT_MAPPING_BYTES = 1L << 30;

    /** The file's length in bytes. */
    long size();

    /** Fills {@code dst[off, off+len)} with the file's bytes from {@code position}. */
    void read(long position, byte[] dst, int off, int len);

    /** Reads through an open channel with positional reads; the caller owns and closes the channel. */
    record ChannelSource(Path file, FileChannel channel, long size) implements ByteSource {
        @Override
        public void read(long position, byte[] dst, int off, int len) {
            ByteBuffer buf = ByteBuffer.wrap(dst, off, len);
            try {
                while (buf.hasRemaining()) {
                    int n = channel.read(buf, position + (buf.position() - off));
                    if (n < 0) {
                        throw new SafeTensorsFormatException(file, null, position + (buf.position() - off),
                                "the file ended early (was it truncated while being read?)");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + len + " bytes at " + position + " of " + file, e);
            }
        }
    }

    /** Consecutive read-only mappings of {@code mappingBytes} each (the last may be shorter) covering the file. */
    final class MappedSource implements ByteSource {
        private final List<ByteBuffer> mappings;
        private final long mappingBytes;
        private final long size;

        MappedSource(Path file, FileChannel channel, long size, long mappingBytes) {
            if (mappingBytes <= 0 || mappingBytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("mapping size " + mappingBytes + " is not in [1, 2^31-1]");
            }
            this.mappingBytes = mappingBytes;
            this.size = size;
            List<ByteBuffer> maps = new ArrayList<>();
            try {
                for (long start = 0; start < size; start += mappingBytes) {
                    maps.add(channel.map(FileChannel.MapMode.READ_ONLY, start, Math.min(mappingBytes, size - start)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("memory-mapping " + file + " (" + size + " bytes)", e);
            }
            this.mappings = List.copyOf(maps);
        }

        /** How many mappings cover the file. */
        int mappingCount() {
            return mappings.size();
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public void read(long position, byte[] dst, int off, int len) {
            while (len > 0) {
                ByteBuffer map = mappings.get((int) (position / mappingBytes));
                int at = (int) (position % mappingBytes);
                int n = Math.min(len, map.limit() - at);
                map.get(at, dst, off, n); // absolute bulk get: no shared position, so concurrent reads are safe
                position += n;
                off += n;
                len -= n;
            }
        }
    }
}
