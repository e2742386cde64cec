package dev.seedling.data.tokenizer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;

/**
 * One id per UTF-8 byte (ids 0..255 are the byte values) followed by special tokens (ids 256, 257, ...).
 * Immutable and thread-safe.
 *
 * @param specialTokens contents of the special tokens, in id order; distinct
 * @param utf8Policy treatment of invalid UTF-8
 */
public record ByteTokenizer(List<String> specialTokens, Utf8Policy utf8Policy) implements Tokenizer {
    /** Copies the list and checks the specials are distinct. */
    public ByteTokenizer {
        specialTokens = List.copyOf(specialTokens);
        if (specialTokens.stream().distinct().count() != specialTokens.size()) {
            throw new IllegalArgumentException("special tokens must be distinct: " + specialTokens);
        }
    }

    /** A byte tokenizer with the single special {@code <|endoftext|>} (id 256), lenient. */
    public static ByteTokenizer withEndOfText() {
        return new ByteTokenizer(List.of("<|endoftext|>"), Utf8Policy.LENIENT);
    }

    @Override
    public int vocabSize() {
        return 256 + specialTokens.size();
    }

    @Override
    public int[] encode(CharSequence text) {
        return encode(Utf8.encode(text, utf8Policy));
    }

    @Override
    public int[] encode(byte[] bytes) {
        if (utf8Policy == Utf8Policy.STRICT) {
            Utf8.decode(bytes, Utf8Policy.STRICT);
        } else {
            bytes = Utf8.decode(bytes, Utf8Policy.LENIENT).getBytes(StandardCharsets.UTF_8);
        }
        int[] ids = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            ids[i] = bytes[i] & 0xFF;
        }
        return ids;
    }

    @Override
    public byte[] decodeBytes(int[] ids) {
        var out = new java.io.ByteArrayOutputStream(ids.length);
        for (int id : ids) {
            if (id < 0 || id >= vocabSize()) {
                throw new IndexOutOfBoundsException("token id " + id + " outside [0, " + vocabSize() + ")");
            }
            if (id < 256) {
                out.write(id);
            } else {
                out.writeBytes(specialTokens.get(id - 256).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    @Override
    public OptionalInt specialId(String content) {
        int i = specialTokens.indexOf(content);
        return i < 0 ? OptionalInt.empty() : OptionalInt.of(256 + i);
    }

    @Override
    public String fingerprint() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update("byte-tokenizer/1".getBytes(StandardCharsets.UTF_8));
            for (String s : specialTokens) {
                md.update((byte) 0);
                md.update(s.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
