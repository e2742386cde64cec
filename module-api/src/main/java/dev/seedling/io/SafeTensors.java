package dev.seedling.io;

import dev.seedling.tensor.Tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Reads and writes <a href="https://github.com/huggingface/safetensors">safetensors</a> files: an 8-byte
 * little-endian header length, a JSON header naming each tensor's dtype, shape and byte range, then the raw
 * little-endian data.
 *
 * <p>Reading: {@link #read} loads everything; {@link #open} validates the header and maps the file read-only, loading
 * one tensor at a time. Tensors are created on the current backend ({@link dev.seedling.Seedling#backend()}). F32,
 * F16 and BF16 load as F32 (exactly), I32 and I64 as themselves; other dtypes are converted or refused as
 * {@link SafeTensorsDType} lists. The header is checked as untrusted input (
 * length bound of 100 MB, strict JSON, exact entry keys, offsets inside the data section, no overlaps, byte length =
 * element count x dtype size, unique names); every violation is a {@link SafeTensorsFormatException} naming the file,
 * the tensor and the byte offset, and no allocation is sized by an unchecked number from the file.
 *
 * <p>Writing: {@link #write(Path, Map, Map, FloatStorage)} lays the file out as the reference implementation does
 * (tensors sorted by dtype, descending, then by name; header padded with spaces to 8 bytes) and replaces the target
 * atomically. I/O failures are {@link UncheckedIOException}s naming the file.
 *
 * <p>Thread safety: every method is safe to call concurrently on different files; concurrent writes of the same
 * file each complete atomically, the last rename winning.
 */
public final class SafeTensors {
    private SafeTensors() {
    }

    /**
     * Loads every tensor and the metadata of {@code file}.
     *
     * @throws SafeTensorsFormatException if the file is malformed or holds a dtype Seedling refuses
     * @throws UncheckedIOException       if the file cannot be read
     */
    public static SafeTensorsContents read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            var source = new ByteSource.ChannelSource(file, ch, ch.size());
            SafeTensorsHeader header = SafeTensorsHeader.read(file, source);
            SequencedMap<String, Tensor> tensors = new LinkedHashMap<>();
            for (TensorEntry e : header.entries().values()) {
                tensors.put(e.name(), TensorDecoder.decode(file, source, header.dataStart(), e));
            }
            return new SafeTensorsContents(tensors, header.metadata());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    /**
     * Opens {@code file} lazily: validates the header and maps the file read-only (in 1 GiB mappings, so files over
     * 2 GiB work); tensors are copied out by {@link MappedSafeTensors#load}.
     *
     * @throws SafeTensorsFormatException if the header is malformed
     * @throws UncheckedIOException       if the file cannot be opened or mapped
     */
    public static MappedSafeTensors open(Path file) {
        return MappedSafeTensors.open(file, ByteSource.DEFAULT_MAPPING_BYTES);
    }

    /** Writes F32, I32 and I64 tensors as they are, with no metadata; see {@link #write(Path, Map, Map, FloatStorage)}. */
    public static void write(Path file, Map<String, Tensor> tensors) {
        write(file, tensors, Map.of(), FloatStorage.F32);
    }

    /**
     * Writes {@code tensors} and {@code metadata} to {@code file}, atomically: the bytes go to a hidden temp file in
     * the same directory, which is forced to disk and renamed over {@code file} ({@code ATOMIC_MOVE}); then the
     * directory is forced where the platform allows. On any failure the temp file is deleted and an existing
     * {@code file} is left untouched. A symbolic link at {@code file} is replaced by the new regular file. A file
     * system that cannot rename atomically gives an error rather than a non-atomic fallback.
     *
     * <p>Layout (deterministic, byte-identical to the reference implementation for the same tensors): tensors sorted
     * by stored dtype in descending {@link SafeTensorsDType} order (I64, F32, I32, BF16, F16), then by name in UTF-8
     * byte order; compact JSON header with {@code __metadata__} first and its keys in UTF-8 byte order, padded with
     * spaces to a multiple of 8. A null or empty {@code metadata} writes no {@code __metadata__} entry.
     *
     * @param storage how F32 tensors are stored (F32 bit for bit, or rounded to F16 / BF16); I32 and I64 tensors
     *                are stored as they are
     * @throws IllegalArgumentException if a name is null, {@code __metadata__}, or not valid Unicode, or a tensor or
     *                                  metadata value is null
     * @throws UncheckedIOException     if writing, forcing or renaming fails
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata,
                             FloatStorage storage) {
        SafeTensorsWriter.write(file, tensors, metadata, storage);
    }
}
