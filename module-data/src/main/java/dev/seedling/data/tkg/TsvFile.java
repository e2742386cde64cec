package dev.seedling.data.tkg;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a tab-separated UTF-8 file line by line, handing each non-blank line's fields and 1-based number on. */
final class TsvFile {
    /** Receives one line. */
    @FunctionalInterface
    interface LineConsumer {
        void accept(String[] fields, long line);
    }

    private TsvFile() {
    }

    /**
     * Calls {@code consumer} for each non-blank line, split on tabs with trailing empty fields kept.
     *
     * @throws UncheckedIOException naming the file when it cannot be read
     */
    static void forEachLine(Path file, LineConsumer consumer) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String s;
            long line = 0;
            while ((s = r.readLine()) != null) {
                line++;
                if (line == 1 && !s.isEmpty() && s.charAt(0) == '\uFEFF') {
                    s = s.substring(1);
                }
                if (!s.isBlank()) {
                    consumer.accept(s.split("\t", -1), line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a time field, turning a format error into one that names the file and line. */
    static TimeValue time(String text, Path file, long line, String what) {
        try {
            return TimeValue.parse(text);
        } catch (TimeFormatException e) {
            throw new TkgFormatException(file, line, what + ": " + e.getMessage(), e);
        }
    }
}
