package dev.seedling.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Making file-system changes durable: the one atomic file write (the safetensors writer, model directories,
 * checkpoint state, tokenizers, the token cache, the OpenCL caches) and the directory fsync that follows a rename.
 * Stateless and thread-safe.
 */
public final class DurableFiles {
    private DurableFiles() {
    }

    /** Writes a file's whole content into an open channel. */
    @FunctionalInterface
    public interface Content {
        void writeTo(FileChannel channel) throws IOException;
    }

    /**
     * Replaces {@code file} atomically: the content goes to a new hidden temporary file in the same directory (a short
     * random name of its own, created exclusively, so concurrent writers never share one and a long target name
     * cannot push it past the file system's limit), which is forced to disk, renamed over {@code file} and followed by
     * a {@linkplain #fsyncDirectory directory fsync}. On any failure the temporary file is removed and {@code file} is
     * left as it was.
     *
     * @throws IOException naming {@code file} and the temporary file, also when the file system cannot rename
     *                     atomically (then nothing is replaced)
     */
    public static void writeAtomically(Path file, Content content) throws IOException {
        Objects.requireNonNull(content, "writeAtomically: content must not be null");
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = dir.resolve(".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(ch);
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system cannot rename atomically, so the file was left untouched", e);
            }
            moved = true;
            fsyncDirectory(dir);
        } catch (IOException e) {
            throw new IOException("writing " + file + " (through " + tmp.getFileName() + "): " + e.getMessage(), e);
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original error matters more; a stray hidden temp file is harmless
                }
            }
        }
    }

    /** {@link #writeAtomically(Path, Content)} of a byte array (the whole array). */
    public static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Objects.requireNonNull(bytes, "writeAtomically: bytes must not be null");
        writeAtomically(file, ch -> {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        });
    }

    /**
     * Forces {@code dir}'s entries (a rename into it, say) to disk where the platform can open a directory for
     * fsync (Linux, macOS). Best effort: where the directory cannot be opened or forced (Windows, some file systems,
     * a directory that is gone) nothing is thrown; the rename itself is still atomic, only its durability across a
     * power cut is left to the OS.
     *
     * @throws NullPointerException when {@code dir} is null
     */
    public static void fsyncDirectory(Path dir) {
        Objects.requireNonNull(dir, "fsyncDirectory: dir must not be null");
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can open a directory for fsync; see the javadoc
        }
    }
}
