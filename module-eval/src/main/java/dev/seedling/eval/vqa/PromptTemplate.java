package dev.seedling.eval.vqa;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * A prompt text with {@code {name}} placeholders, identified by a stable id and the SHA-256 of its text so that a run
 * manifest records exactly which wording produced its answers and grades.
 *
 * @param id     stable name, e.g. {@code answer_en}
 * @param text   the template
 * @param sha256 hex SHA-256 of {@code text} in UTF-8
 */
public record PromptTemplate(String id, String text, String sha256) {
    public PromptTemplate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** A template from its text (e.g. the official wording read from a file by the user). */
    public static PromptTemplate of(String id, String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return new PromptTemplate(id, text, HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** The bundled template {@code id + ".txt"} of this package. */
    static PromptTemplate bundled(String id) {
        try (InputStream in = PromptTemplate.class.getResourceAsStream(id + ".txt")) {
            if (in == null) {
                throw new IllegalStateException("bundled prompt " + id + ".txt is missing from the jar");
            }
            return of(id, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled prompt " + id, e);
        }
    }

    /**
     * The text with every {@code {key}} replaced by its value. Values are inserted verbatim and are not scanned for
     * further placeholders.
     *
     * @throws IllegalArgumentException naming the template when a placeholder is left unfilled
     */
    public String fill(Map<String, String> values) {
        StringBuilder out = new StringBuilder(text.length() + 256);
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf('{', i);
            if (open < 0) {
                out.append(text, i, text.length());
                break;
            }
            int close = text.indexOf('}', open);
            String key = close < 0 ? null : text.substring(open + 1, close);
            if (key != null && key.matches("[a-z_]+")) {
                String v = values.get(key);
                if (v == null) {
                    throw new IllegalArgumentException("prompt " + id + " needs a value for {" + key + "}");
                }
                out.append(text, i, open).append(v);
                i = close + 1;
            } else {
                out.append(text, i, open + 1);
                i = open + 1;
            }
        }
        return out.toString();
    }
}
