package dev.seedling.data.tokenizer;

import java.nio.file.Path;

/**
 * Input that is not valid UTF-8 met under {@link Utf8Policy#STRICT}. The message names the source (a path, or
 * "input") and the byte offset of the first malformed byte, counted from the start of that source.
 */
public final class InvalidUtf8Exception extends IllegalArgumentException {
    private final transient Path path;
    private final long byteOffset;

    /**
     * An error at {@code byteOffset} of {@code path}.
     *
     * @param path the file, or {@code null} for in-memory input
     * @param byteOffset offset of the first malformed byte from the start of the source
     * @param detail what was wrong, e.g. "malformed sequence of 1 byte(s)"
     */
    public InvalidUtf8Exception(Path path, long byteOffset, String detail) {
        super("invalid UTF-8 in " + (path == null ? "input" : path.toString()) + " at byte offset " + byteOffset
                + ": " + detail);
        this.path = path;
        this.byteOffset = byteOffset;
    }

    /** The file, or {@code null} for in-memory input. */
    public Path path() {
        return path;
    }

    /** Offset of the first malformed byte from the start of the source. */
    public long byteOffset() {
        return byteOffset;
    }

    /** The same error attributed to {@code file}, with {@code base} added to the offset. */
    public InvalidUtf8Exception in(Path file, long base) {
        String msg = getMessage();
        return new InvalidUtf8Exception(file, base + byteOffset, msg.substring(msg.indexOf(": ") + 2));
    }
}
