package dev.seedling.io;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A safetensors file is malformed, or holds something Seedling cannot load (an unknown or unsupported dtype). The
 * message names the file, the tensor where there is one, and a byte offset in the file: the position of the bad
 * header text for header errors, the start of the tensor's data for data-range errors.
 */
public class SafeTensorsFormatException extends RuntimeException {
    private final transient Path file;
    private final String tensorName;
    private final long byteOffset;

    /**
     * @param file       the file being read
     * @param tensorName the tensor concerned, or {@code null} when the problem is not one tensor's
     * @param byteOffset offset from the start of the file, or {@code -1} when there is none to give
     * @param problem    what is wrong, with the facts (values found, bounds expected)
     */
    public SafeTensorsFormatException(Path file, String tensorName, long byteOffset, String problem) {
        super(describe(file, tensorName, byteOffset, problem));
        this.file = file;
        this.tensorName = tensorName;
        this.byteOffset = byteOffset;
    }

    /** The same, with the exception that revealed the problem (a JSON parse error). */
    public SafeTensorsFormatException(Path file, String tensorName, long byteOffset, String problem, Throwable cause) {
        this(file, tensorName, byteOffset, problem);
        initCause(cause);
    }

    private static String describe(Path file, String tensorName, long byteOffset, String problem) {
        StringBuilder sb = new StringBuilder("safetensors file ").append(file);
        if (tensorName != null) {
            sb.append(", tensor '").append(tensorName).append('\'');
        }
        if (byteOffset >= 0) {
            sb.append(", at byte ").append(byteOffset);
        }
        return sb.append(": ").append(problem).toString();
    }

    /** The file that was being read. */
    public Path file() {
        return file;
    }

    /** The tensor concerned, if the problem is one tensor's. */
    public Optional<String> tensorName() {
        return Optional.ofNullable(tensorName);
    }

    /** Offset from the start of the file, or {@code -1} when there is none. */
    public long byteOffset() {
        return byteOffset;
    }
}
