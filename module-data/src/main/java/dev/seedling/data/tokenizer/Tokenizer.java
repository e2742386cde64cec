package dev.seedling.data.tokenizer;

import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * Text to token ids and back.
 *
 * <p>Contract: for every string {@code s} without lone surrogates, {@code decode(encode(s)).equals(s)}. Special
 * tokens are never produced by {@link #encode} from text (their content is encoded as ordinary text); they enter a
 * sequence as ids, e.g. {@link #eosId()}, or through {@link #encodeWithSpecials} for trusted text. {@link #decode}
 * maps them back to their content.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface Tokenizer {
    /** Number of ids: every id is in {@code [0, vocabSize())}. */
    int vocabSize();

    /** The ids of {@code text}; a lone surrogate is replaced by U+FFFD under the tokenizer's UTF-8 policy. */
    int[] encode(CharSequence text);

    /**
     * The ids of UTF-8 {@code bytes}: decoded under the tokenizer's {@link Utf8Policy} first.
     *
     * @throws InvalidUtf8Exception under {@link Utf8Policy#STRICT}, naming the byte offset
     */
    default int[] encode(byte[] bytes) {
        return encode(Utf8.decode(bytes, utf8Policy()));
    }

    /** The bytes that {@code ids} stand for, concatenated; they need not be valid UTF-8 for arbitrary ids. */
    byte[] decodeBytes(int[] ids);

    /**
     * The text of {@code ids}. Byte sequences that are not valid UTF-8 (possible for arbitrary id sequences) are
     * handled by the tokenizer's {@link Utf8Policy}.
     *
     * @throws InvalidUtf8Exception under STRICT, naming the byte offset into {@link #decodeBytes}
     * @throws IndexOutOfBoundsException for an id outside {@code [0, vocabSize())}
     */
    default String decode(int[] ids) {
        return Utf8.decode(decodeBytes(ids), utf8Policy());
    }

    /**
     * Like {@link #encode(CharSequence)}, but occurrences of a special token's content in {@code text} become that
     * special id, as Hugging Face {@code tokenizers} does for added tokens (with {@code lstrip}, {@code rstrip} and
     * {@code single_word} false): the text is split at the leftmost occurrence (the longest content if several start
     * there) and the parts between are encoded as ordinary text. Use it only for trusted text: otherwise a user can
     * inject, say, an end-of-sequence token.
     */
    default int[] encodeWithSpecials(CharSequence text) {
        List<String> specials = specialTokens();
        String s = text.toString();
        java.util.ArrayList<int[]> parts = new java.util.ArrayList<>();
        int from = 0;
        int total = 0;
        while (true) {
            int at = -1;
            String hit = null;
            for (String sp : specials) {
                int i = sp.isEmpty() ? -1 : s.indexOf(sp, from);
                if (i >= 0 && (at < 0 || i < at || i == at && sp.length() > hit.length())) {
                    at = i;
                    hit = sp;
                }
            }
            int[] plain = encode(s.substring(from, at < 0 ? s.length() : at));
            parts.add(plain);
            total += plain.length;
            if (at < 0) {
                break;
            }
            parts.add(new int[] {specialId(hit).orElseThrow()});
            total++;
            from = at + hit.length();
        }
        int[] out = new int[total];
        int k = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, k, p.length);
            k += p.length;
        }
        return out;
    }

    /** Encodes every text, in parallel on the common fork-join pool; the result is in input order. */
    default int[][] encodeBatch(List<? extends CharSequence> texts) {
        int[][] out = new int[texts.size()][];
        IntStream.range(0, texts.size()).parallel().forEach(i -> out[i] = encode(texts.get(i)));
        return out;
    }

    /** How invalid UTF-8 is treated by {@link #encode(byte[])} and {@link #decode}. */
    Utf8Policy utf8Policy();

    /** The special tokens' contents, in id order. */
    List<String> specialTokens();

    /** The id of special token {@code content}, if it is one. */
    OptionalInt specialId(String content);

    /**
     * The end-of-sequence id used to separate documents: the special token {@code <|endoftext|>}, else the first
     * special token.
     *
     * @throws IllegalStateException if the tokenizer has no special tokens
     */
    default int eosId() {
        OptionalInt e = specialId("<|endoftext|>");
        if (e.isPresent()) {
            return e.getAsInt();
        }
        List<String> s = specialTokens();
        if (s.isEmpty()) {
            throw new IllegalStateException("tokenizer has no special tokens, so no end-of-sequence id");
        }
        return specialId(s.get(0)).orElseThrow();
    }

    /**
     * A hex SHA-256 over everything that decides the ids (type, vocabulary, merges, specials): equal fingerprints
     * mean equal encodings. Token caches record it to detect a changed tokenizer.
     */
    String fingerprint();
}
