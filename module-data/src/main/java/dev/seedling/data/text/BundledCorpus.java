package dev.seedling.data.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The corpus shipped in this module's resources for demos and examples: the King James Version of the Bible
 * (4.3 MB of ASCII, public domain except in the UK; source and licence in
 * {@code dev/seedling/data/corpus/SOURCE.md} next to it).
 */
public final class BundledCorpus {
    /** The resource path of the text. */
    public static final String RESOURCE = "/dev/seedling/data/corpus/kjv.txt";
    /** Its size in bytes. */
    public static final long SIZE = 4_298_239L;

    private BundledCorpus() {
    }

    /** A stream over the text's UTF-8 bytes; the caller closes it. */
    public static InputStream open() {
        InputStream in = BundledCorpus.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("bundled corpus " + RESOURCE + " is missing from the class path");
        }
        return in;
    }

    /**
     * Copies the text to {@code dir/kjv.txt} (unless a file of the same size is there) and returns that path, so it
     * can be memory-mapped like any corpus.
     *
     * @throws UncheckedIOException naming the target if it cannot be written
     */
    public static Path extractTo(Path dir) {
        Path target = dir.resolve("kjv.txt");
        try (InputStream in = open()) {
            Files.createDirectories(dir);
            if (Files.isRegularFile(target) && Files.size(target) == SIZE) {
                return target;
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the bundled corpus to " + target + ": " + e, e);
        }
    }
}
