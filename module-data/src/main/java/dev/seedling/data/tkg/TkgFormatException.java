package dev.seedling.data.tkg;

import java.nio.file.Path;

/** A temporal-KG or question file is malformed; the message starts with {@code file:line:} and says what is wrong. */
public class TkgFormatException extends RuntimeException {
    private final transient Path file;
    private final long line;

    public TkgFormatException(Path file, long line, String problem, Throwable cause) {
        super(file + ":" + line + ": " + problem, cause);
        this.file = file;
        this.line = line;
    }

    public TkgFormatException(Path file, long line, String problem) {
        this(file, line, problem, null);
    }

    /** The file that is malformed. */
    public Path file() {
        return file;
    }

    /** The 1-based line of the problem, or 0 when it concerns the whole file. */
    public long line() {
        return line;
    }
}
