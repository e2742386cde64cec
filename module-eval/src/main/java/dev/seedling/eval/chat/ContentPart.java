package dev.seedling.eval.chat;

import java.util.Objects;

/** A piece of a message's content. */
public sealed interface ContentPart {
    /** Plain text. */
    record Text(String text) implements ContentPart {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** An image as encoded bytes with its MIME type ({@code image/png}, {@code image/jpeg}, ...). */
    record Image(byte[] bytes, String mimeType) implements ContentPart {
        public Image {
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(mimeType, "mimeType");
        }
    }
}
