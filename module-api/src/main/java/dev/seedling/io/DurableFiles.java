package dev.seedling.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Making file-system changes durable. The one place that forces a directory to disk after an atomic rename into it
 * (the safetensors writer, model directories, checkpoints). Stateless and thread-safe.
 */
public final class DurableFiles {
    private DurableFiles() {
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
