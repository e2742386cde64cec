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
     * Replaces {@code file} atomically: the content goes to a new hidden temporary file in the same directory
     * ({@code .<name>.<random hex>.tmp}, the name cut to 64 characters; created exclusively, so concurrent writers
     * never share one), which is forced to disk, renamed over {@code file} and followed by a
     * {@linkplain #fsyncDirectory directory fsync}. On any failure the temporary file is removed and {@code file} is
     * left as it was; only a killed JVM leaves it behind ({@link #removeLeftovers}).
     *
     * @throws IOException naming {@code file} and the temporary file, also when the file system cannot rename
     *                     atomically (then nothing is replaced)
     */
    public static void writeAtomically(Path file, Content content) throws IOException {
        Objects.requireNonNull(content, "writeAtomically: content must not be null");
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = dir.resolve(tempPrefix(target) + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
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

    /**
     * The start of the temporary files' names for {@code file}: hidden, and the target's name cut to 64 characters, so
     * that the random part still fits the file system's name limit.
     */
    private static String tempPrefix(Path file) {
        String name = file.getFileName().toString();
        return "." + name.substring(0, Math.min(name.length(), 64)) + ".";
    }

    /**
     * Deletes the temporary files an interrupted {@link #writeAtomically} of {@code file} left in its directory (a
     * killed JVM, or Ctrl-C, skips the cleanup; for a large file such as a token cache that is a lot of disk). Call it
     * only while no other writer of {@code file} is running: it would delete that writer's temporary file.
     *
     * @return how many were deleted
     */
    public static int removeLeftovers(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        String prefix = tempPrefix(target);
        int removed = 0;
        if (!Files.isDirectory(target.getParent())) {
            return 0;
        }
        try (var entries = Files.newDirectoryStream(target.getParent(), e -> {
            String n = e.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(".tmp")
                    && n.substring(prefix.length(), n.length() - 4).matches("[0-9a-f]{1,16}");
        })) {
            for (Path leftover : entries) {
                if (Files.deleteIfExists(leftover)) {
                    removed++;
                }
            }
        }
        return removed;
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
