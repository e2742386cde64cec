package dev.seedling.data.tokenizer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Byte-level BPE, compatible with the Hugging Face {@code tokenizers} BPE model behind a ByteLevel pre-tokenizer
 * and decoder: text is split by {@link PreTokenizer}, each piece's UTF-8 bytes become their byte tokens, and merges
 * are applied as HF's BPE model does: repeatedly the adjacent pair with the lowest (merge rank, position), in
 * O(n log n) per piece ({@link MergeQueue}). For merge lists in which each merge's parts come from earlier merges, as
 * in every trained list, this equals GPT-2's loop (merge every occurrence of the lowest-rank pair, left to right),
 * which {@code tools/reference/bpe_reference.py} implements. {@link #encode} never matches special tokens in text;
 * {@link #encodeWithSpecials} does, as HF does for added tokens.
 *
 * <p>Immutable and thread-safe. Encoded pieces are memoised in a bounded per-thread cache (emptied when full) that
 * is probed without allocating, so encoding natural language mostly costs the pre-tokenizer and a hash look-up.
 */
public final class BpeTokenizer implements Tokenizer {
    private static final int CACHE_SLOTS = 1 << 16;

    private final byte[][] tokenBytes;
    private final String[] tokenStrings;
    private final int[] byteIds = new int[256];
    private final List<Merge> merges;
    private final MergeTable table;
    private final Map<String, Integer> specials;
    private final List<String> specialOrder;
    private final Utf8Policy policy;
    private final String fingerprint;
    private final ThreadLocal<PieceCache> cache = ThreadLocal.withInitial(() -> new PieceCache(CACHE_SLOTS));

    /** A merge rule: the pair of token strings (byte-level alphabet) that becomes their concatenation. */
    public record Merge(String left, String right) {
        /** The "left right" line of a merges list. */
        @Override
        public String toString() {
            return left + " " + right;
        }
    }

    /**
     * How many ids may be left without a token beyond the number of tokens given: the id table is sized by the
     * largest id, so this bounds its memory whatever number a file states, while allowing the gaps that hand-edited
     * or padded vocabularies have.
     */
    static final int MAX_UNUSED_IDS = 1 << 16;

    /**
     * Builds a tokenizer from a vocabulary and merges.
     *
     * @param vocab token string (byte-level alphabet) to id; may also list the specials, each with its special id
     *              (as Hugging Face files do), but an entry whose string is a special's content with another id is
     *              refused
     * @param merges merge rules in rank order; each side and the concatenation must be in {@code vocab}
     * @param specials special token content to id; ids must not collide with {@code vocab}
     * @param policy treatment of invalid UTF-8
     * @throws IllegalArgumentException naming the token or merge index when the model is inconsistent, or an id is
     *                                  negative or not below {@code vocab.size() + specials.size() +
     *                                  MAX_UNUSED_IDS} (65536)
     */
    public BpeTokenizer(Map<String, Integer> vocab, List<Merge> merges, Map<String, Integer> specials,
                        Utf8Policy policy) {
        long limit = Math.min(Integer.MAX_VALUE, (long) vocab.size() + specials.size() + MAX_UNUSED_IDS);
        int size = 0;
        for (var e : vocab.entrySet()) {
            size = Math.max(size, checkedId(e.getKey(), e.getValue(), limit, "token") + 1);
        }
        for (var e : specials.entrySet()) {
            size = Math.max(size, checkedId(e.getKey(), e.getValue(), limit, "special token") + 1);
        }
        tokenBytes = new byte[size][];
        tokenStrings = new String[size];
        for (var e : vocab.entrySet()) {
            Integer specialId = specials.get(e.getKey());
            if (specialId != null) {
                if (specialId.equals(e.getValue())) {
                    continue; // the special's own entry; it is put below with its content's bytes
                }
                throw new IllegalArgumentException("token '" + e.getKey() + "' has id " + e.getValue()
                        + " in the vocabulary but id " + specialId + " as a special token");
            }
            put(e.getValue(), e.getKey(), ByteLevelAlphabet.fromVisible(e.getKey()));
        }
        List<String> order = new ArrayList<>(specials.keySet());
        order.sort((a, b) -> Integer.compare(specials.get(a), specials.get(b)));
        for (String s : order) {
            int id = specials.get(s);
            if (tokenBytes[id] != null && !s.equals(tokenStrings[id])) {
                throw new IllegalArgumentException("special token '" + s + "' has id " + id + ", already taken by '"
                        + tokenStrings[id] + "'");
            }
            put(id, s, s.getBytes(StandardCharsets.UTF_8));
        }
        for (int b = 0; b < 256; b++) {
            Integer id = vocab.get(String.valueOf(ByteLevelAlphabet.charOf(b)));
            if (id == null) {
                throw new IllegalArgumentException("vocabulary lacks the token for byte 0x"
                        + HexFormat.of().toHexDigits((byte) b) + " ('" + ByteLevelAlphabet.charOf(b) + "')");
            }
            byteIds[b] = id;
        }
        int[][] pairs = new int[merges.size()][];
        int[] mergedIds = new int[merges.size()];
        for (int r = 0; r < merges.size(); r++) {
            Merge m = merges.get(r);
            Integer a = vocab.get(m.left());
            Integer b = vocab.get(m.right());
            Integer ab = vocab.get(m.left() + m.right());
            if (a == null || b == null || ab == null) {
                throw new IllegalArgumentException("merge " + r + " '" + m + "' uses a token missing from the"
                        + " vocabulary: " + (a == null ? m.left() : b == null ? m.right() : m.left() + m.right()));
            }
            pairs[r] = new int[] {a, b};
            mergedIds[r] = ab;
        }
        this.merges = List.copyOf(merges);
        this.table = new MergeTable(pairs, mergedIds);
        this.specials = Map.copyOf(specials);
        this.specialOrder = List.copyOf(order);
        this.policy = policy;
        this.fingerprint = computeFingerprint();
    }

    private static int checkedId(String token, Integer id, long limit, String kind) {
        if (id == null) {
            throw new IllegalArgumentException(kind + " '" + token + "' has no id");
        }
        if (id < 0) {
            throw new IllegalArgumentException("negative id " + id + " for " + kind + " '" + token + "'");
        }
        if (id >= limit) {
            throw new IllegalArgumentException(kind + " '" + token + "' has id " + id + ", not below " + limit
                    + " (the number of tokens given plus " + MAX_UNUSED_IDS + " unused ids)");
        }
        return id;
    }

    private void put(int id, String s, byte[] bytes) {
        if (tokenBytes[id] != null) {
            throw new IllegalArgumentException("id " + id + " used by both '" + tokenStrings[id] + "' and '" + s + "'");
        }
        tokenBytes[id] = bytes;
        tokenStrings[id] = s;
    }

    @Override
    public int vocabSize() {
        return tokenBytes.length;
    }

    @Override
    public Utf8Policy utf8Policy() {
        return policy;
    }

    /** This tokenizer with another UTF-8 policy (same vocabulary, merges and fingerprint). */
    public BpeTokenizer withUtf8Policy(Utf8Policy p) {
        return p == policy ? this : new BpeTokenizer(vocabulary(), merges, specials, p);
    }

    @Override
    public int[] encode(CharSequence text) {
        IdBuffer out = new IdBuffer(Math.max(16, text.length() / 3));
        PieceCache memo = cache.get();
        PreTokenizer.split(text, 0, text.length(), (s, e) -> out.addAll(encodePiece(memo, text, s, e)));
        return out.toArray();
    }

    private int[] encodePiece(PieceCache memo, CharSequence text, int start, int end) {
        int[] ids = memo.get(text, start, end);
        if (ids == null) {
            String piece = text.subSequence(start, end).toString();
            byte[] bytes;
            try {
                bytes = Utf8.encode(piece, policy);
            } catch (InvalidUtf8Exception e) { // report the index in the whole text, not in the piece
                long at = start + e.byteOffset();
                throw new InvalidUtf8Exception(null, at, "lone UTF-16 surrogate at char index " + at);
            }
            int[] sym = new int[bytes.length];
            for (int i = 0; i < sym.length; i++) {
                sym[i] = byteIds[bytes[i] & 0xFF];
            }
            ids = MergeQueue.apply(table, sym);
            memo.put(piece, ids);
        }
        return ids;
    }

    /** GPT-2's merge loop over the token ids of one piece: the reference that {@link MergeQueue} is tested against. */
    static int[] gpt2Merges(MergeTable table, int[] symbols) {
        int[] sym = symbols.clone();
        int n = sym.length;
        while (n > 1) {
            int bestRank = Integer.MAX_VALUE;
            int left = -1;
            int right = -1;
            int merged = -1;
            for (int i = 0; i + 1 < n; i++) {
                int slot = table.find(sym[i], sym[i + 1]);
                if (slot >= 0 && table.rank(slot) < bestRank) {
                    bestRank = table.rank(slot);
                    left = sym[i];
                    right = sym[i + 1];
                    merged = table.merged(slot);
                }
            }
            if (merged < 0) {
                break;
            }
            int w = 0;
            for (int r = 0; r < n; ) {
                if (r + 1 < n && sym[r] == left && sym[r + 1] == right) {
                    sym[w++] = merged;
                    r += 2;
                } else {
                    sym[w++] = sym[r++];
                }
            }
            n = w;
        }
        return n == sym.length ? sym : Arrays.copyOf(sym, n);
    }

    /** The merge table (for tests of the merge order). */
    MergeTable mergeTable() {
        return table;
    }

    /** The id of the single-byte token of {@code b}. */
    int byteId(int b) {
        return byteIds[b & 0xFF];
    }

    @Override
    public byte[] decodeBytes(int[] ids) {
        int len = 0;
        for (int id : ids) {
            len += bytesOf(id).length;
        }
        byte[] out = new byte[len];
        int at = 0;
        for (int id : ids) {
            byte[] b = tokenBytes[id];
            System.arraycopy(b, 0, out, at, b.length);
            at += b.length;
        }
        return out;
    }

    private byte[] bytesOf(int id) {
        if (id < 0 || id >= tokenBytes.length || tokenBytes[id] == null) {
            throw new IndexOutOfBoundsException("token id " + id + " is not in the vocabulary (size "
                    + tokenBytes.length + ")");
        }
        return tokenBytes[id];
    }

    /** The token string of {@code id}: byte-level alphabet for ordinary tokens, the content for specials. */
    public String tokenString(int id) {
        bytesOf(id);
        return tokenStrings[id];
    }

    @Override
    public List<String> specialTokens() {
        return specialOrder;
    }

    @Override
    public OptionalInt specialId(String content) {
        Integer id = specials.get(content);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** Special content to id. */
    public Map<String, Integer> specials() {
        return specials;
    }

    /** Ordinary token string (byte-level alphabet) to id, without the specials; a fresh map. */
    public Map<String, Integer> vocabulary() {
        Map<String, Integer> v = new HashMap<>();
        for (int id = 0; id < tokenStrings.length; id++) {
            if (tokenStrings[id] != null && !specials.containsKey(tokenStrings[id])) {
                v.put(tokenStrings[id], id);
            }
        }
        return v;
    }

    /** The merges in rank order. */
    public List<Merge> merges() {
        return merges;
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    private String computeFingerprint() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            StringBuilder sb = new StringBuilder("bpe-byte-level/1\n");
            for (int id = 0; id < tokenStrings.length; id++) {
                if (tokenStrings[id] == null) {
                    continue; // an id without a token, as decodeBytes and vocabulary allow
                }
                sb.append(id).append(specials.containsKey(tokenStrings[id]) ? " special " : " ")
                        .append(tokenStrings[id]).append('\n');
            }
            sb.append("merges\n");
            for (Merge m : merges) {
                sb.append(m).append('\n');
            }
            return HexFormat.of().formatHex(md.digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** A growable int array. */
    static final class IdBuffer {
        private int[] data;
        private int size;

        IdBuffer(int capacity) {
            data = new int[capacity];
        }

        void addAll(int[] ids) {
            if (size + ids.length > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, size + ids.length));
            }
            System.arraycopy(ids, 0, data, size, ids.length);
            size += ids.length;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
