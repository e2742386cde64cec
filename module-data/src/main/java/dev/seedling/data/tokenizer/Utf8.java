package dev.seedling.data.tokenizer;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** UTF-8 conversions under a {@link Utf8Policy}; strict errors carry the byte (or char) offset. */
public final class Utf8 {
    private Utf8() {
    }

    /**
     * Decodes {@code bytes}.
     *
     * @throws InvalidUtf8Exception under {@link Utf8Policy#STRICT}, at the first malformed byte
     */
    public static String decode(byte[] bytes, Utf8Policy policy) {
        if (policy == Utf8Policy.LENIENT) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        CharsetDecoder dec = decoder(Utf8Policy.STRICT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = dec.decode(in, out, true);
        if (r.isError()) {
            throw new InvalidUtf8Exception(null, in.position(), describe(r));
        }
        dec.flush(out);
        return out.flip().toString();
    }

    /**
     * Encodes {@code text}. A lone surrogate becomes U+FFFD's bytes under LENIENT.
     *
     * @throws InvalidUtf8Exception under STRICT for a lone surrogate; the "byte offset" is then the char index
     */
    public static byte[] encode(CharSequence text, Utf8Policy policy) {
        CharsetEncoder enc = StandardCharsets.UTF_8.newEncoder();
        if (policy == Utf8Policy.LENIENT) {
            enc.onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .replaceWith(new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD});
        }
        CharBuffer in = CharBuffer.wrap(text);
        try {
            ByteBuffer out = enc.encode(in);
            byte[] b = new byte[out.remaining()];
            out.get(b);
            return b;
        } catch (CharacterCodingException e) {
            int at = 0;
            while (at < text.length()) {
                char c = text.charAt(at);
                if (Character.isHighSurrogate(c) && at + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(at + 1))) {
                    at += 2;
                } else if (Character.isSurrogate(c)) {
                    break;
                } else {
                    at++;
                }
            }
            throw new InvalidUtf8Exception(null, at, "lone UTF-16 surrogate at char index " + at);
        }
    }

    /** A fresh decoder that reports (STRICT) or replaces (LENIENT) malformed input. */
    public static CharsetDecoder decoder(Utf8Policy policy) {
        CodingErrorAction a = policy == Utf8Policy.STRICT ? CodingErrorAction.REPORT : CodingErrorAction.REPLACE;
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(a).onUnmappableCharacter(a);
    }

    /** "malformed sequence of N byte(s)" for an error result. */
    public static String describe(CoderResult r) {
        return (r.isMalformed() ? "malformed" : "unmappable") + " sequence of " + r.length() + " byte(s)";
    }
}
