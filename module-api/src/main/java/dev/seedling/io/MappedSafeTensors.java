package dev.seedling.io;

import dev.seedling.tensor.Tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.NoSuchElementException;
import java.util.SequencedMap;

/**
 * A safetensors file opened lazily: the header is validated at {@link SafeTensors#open open}, and each tensor is
 * copied out of read-only memory mappings only when {@link #load(String) loaded}. Files larger than 2 GiB are
 * covered by several mappings (1 GiB each); a tensor may span mapping boundaries.
 *
 * <p>Thread safety: {@link #load} may be called from several threads at once. Ownership: the mappings live until
 * this object is closed and garbage-collected (Java 21 cannot unmap eagerly); while they live the file must not be
 * truncated or rewritten in place (replacing it by rename, as {@link SafeTensors#write} does, is safe on POSIX
 * systems; Windows refuses to replace a mapped file).
 */
public final class MappedSafeTensors implements AutoCloseable {
    private final Path file;
    private final SafeTensorsHeader header;
    private volatile ByteSource.MappedSource source;

    private MappedSafeTensors(Path file, SafeTensorsHeader header, ByteSource.MappedSource source) {
        this.file = file;
        this.header = header;
        this.source = source;
    }

    /** Opens {@code file} with mappings of {@code mappingBytes} each; tests pass a few bytes to cross boundaries. */
    static MappedSafeTensors open(Path file, long mappingBytes) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            // Mappings stay valid after the channel is closed.
            var source = new ByteSource.MappedSource(file, ch, ch.size(), mappingBytes);
            return new MappedSafeTensors(file, SafeTensorsHeader.read(file, source), source);
        } catch (IOException e) {
            throw new UncheckedIOException("opening " + file, e);
        }
    }

    /** The file this reads. */
    public Path file() {
        return file;
    }

    /** Every tensor the header declares, by name, in header order (unmodifiable); nothing is loaded. */
    public SequencedMap<String, TensorEntry> entries() {
        return header.entries();
    }

    /** The {@code __metadata__} string map, in header order; empty when the file has none (unmodifiable). */
    public SequencedMap<String, String> metadata() {
        return header.metadata();
    }

    /**
     * Copies one tensor onto the current backend ({@link dev.seedling.Seedling#backend()}), converted as
     * {@link SafeTensorsDType} describes.
     *
     * @throws NoSuchElementException      if the file has no tensor {@code name}
     * @throws SafeTensorsFormatException  if its dtype has no lossless Seedling type
     * @throws IllegalStateException       if this object is closed
     */
    public Tensor load(String name) {
        TensorEntry e = header.entries().get(name);
        if (e == null) {
            throw new NoSuchElementException("safetensors file " + file + " has no tensor '" + name + "' (it has "
                    + header.entries().size() + ": " + abbreviatedNames() + ")");
        }
        return TensorDecoder.decode(file, openSource(), header.dataStart(), e);
    }

    /** Loads every tensor, in header order. */
    public SequencedMap<String, Tensor> loadAll() {
        SequencedMap<String, Tensor> all = new LinkedHashMap<>();
        for (String name : header.entries().keySet()) {
            all.put(name, load(name));
        }
        return all;
    }

    /** How many mappings cover the file (tests check the multi-mapping path is taken). */
    int mappingCount() {
        return openSource().mappingCount();
    }

    /** Drops the mappings; later {@link #load} calls throw. Idempotent. */
    @Override
    public void close() {
        source = null;
    }

    private ByteSource.MappedSource openSource() {
        ByteSource.MappedSource s = source;
        if (s == null) {
            throw new IllegalStateException("safetensors file " + file + " was closed");
        }
        return s;
    }

    private String abbreviatedNames() {
        var names = header.entries().keySet().stream().limit(10).toList();
        return names + (header.entries().size() > 10 ? " ..." : "");
    }
}
