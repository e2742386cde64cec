package dev.seedling.data.vqa;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An item's image: bytes held in memory (from base64 in the data file) or a file read on demand. Either way the
 * loader has checked that it is a readable image of a known format and recorded its MIME type.
 */
public sealed interface VqaImage {
    /** The encoded image bytes (PNG, JPEG, ...). Reads the file for {@link OnDisk}. */
    byte[] bytes();

    /** {@code image/png}, {@code image/jpeg}, {@code image/gif}, {@code image/webp} or {@code image/bmp}. */
    String mimeType();

    /** Image bytes held in memory. The array is not copied: callers must not modify it. */
    record InMemory(byte[] bytes, String mimeType) implements VqaImage {
        public InMemory {
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(mimeType, "mimeType");
        }

        @Override
        public String toString() {
            return "InMemory[" + mimeType + ", " + bytes.length + " bytes]";
        }
    }

    /** An image file, read on each call to {@link #bytes()}. */
    record OnDisk(Path path, String mimeType) implements VqaImage {
        public OnDisk {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(mimeType, "mimeType");
        }

        /** @throws UncheckedIOException naming the file when it has become unreadable since loading */
        @Override
        public byte[] bytes() {
            try {
                return Files.readAllBytes(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read image " + path + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * The MIME type of encoded image bytes, from their magic number, or null when the format is not one a chat model
     * accepts.
     */
    static String sniffMimeType(byte[] head) {
        if (startsWith(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (startsWith(head, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (startsWith(head, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (startsWith(head, 'R', 'I', 'F', 'F') && head.length >= 12 && head[8] == 'W' && head[9] == 'E'
                && head[10] == 'B' && head[11] == 'P') {
            return "image/webp";
        }
        if (startsWith(head, 'B', 'M')) {
            return "image/bmp";
        }
        return null;
    }

    private static boolean startsWith(byte[] data, int... prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((data[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
