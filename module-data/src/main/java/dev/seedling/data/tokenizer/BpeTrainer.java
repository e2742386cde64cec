package dev.seedling.data.tokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Learns a byte-level BPE vocabulary. Feed text with {@link #add} (it keeps only the counts of distinct
 * pre-tokens, so a corpus can be streamed through it), then call {@link #train()}.
 *
 * <p>Determinism: ids 0..255 are the bytes, then the specials, then one id per merge in the order learned (a merge
 * whose result string already exists reuses that id, as in HF). Each step merges the adjacent pair with the highest
 * count (overlapping occurrences count, weighted by pre-token frequency); <b>ties go to the smallest (left id, right
 * id)</b>. A pair whose merged token string (byte-level alphabet) equals a special token's content is never merged:
 * the vocabulary could not hold both; the next best pair is taken instead. Training stops at {@code vocabSize} or
 * when the best count is below {@code minFrequency}. The result depends only on the multiset of pre-tokens, never on
 * input order or thread timing; {@code tools/reference/bpe_reference.py} implements the same rules naively.
 *
 * <p>Not thread-safe: one thread feeds and trains.
 */
public final class BpeTrainer {
    private final BpeTrainerConfig config;
    private final Map<String, long[]> pieceCounts = new HashMap<>();

    /** A trainer with empty counts. */
    public BpeTrainer(BpeTrainerConfig config) {
        this.config = config;
    }

    /** Trains on {@code texts} in one call. */
    public static BpeTokenizer train(BpeTrainerConfig config, Iterable<? extends CharSequence> texts) {
        BpeTrainer t = new BpeTrainer(config);
        for (CharSequence s : texts) {
            t.add(s);
        }
        return t.train();
    }

    /** Counts the pre-tokens of {@code text}. */
    public void add(CharSequence text) {
        PreTokenizer.split(text, 0, text.length(),
                (s, e) -> pieceCounts.computeIfAbsent(text.subSequence(s, e).toString(), k -> new long[1])[0]++);
    }

    /** Number of distinct pre-tokens counted so far. */
    public int distinctPieces() {
        return pieceCounts.size();
    }

    /** Learns the merges from the counts so far and returns the tokenizer. */
    public BpeTokenizer train() {
        List<byte[]> tokens = new ArrayList<>();
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (int b = 0; b < 256; b++) {
            tokens.add(new byte[] {(byte) b});
            vocab.put(String.valueOf(ByteLevelAlphabet.charOf(b)), b);
        }
        Map<String, Integer> specials = new LinkedHashMap<>();
        for (String s : config.specialTokens()) {
            specials.put(s, tokens.size());
            tokens.add(null);
        }
        int nWords = pieceCounts.size();
        int[][] words = new int[nWords][];
        long[] freq = new long[nWords];
        int w = 0;
        for (var e : pieceCounts.entrySet()) {
            byte[] bytes = Utf8.encode(e.getKey(), Utf8Policy.LENIENT);
            int[] syms = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                syms[i] = bytes[i] & 0xFF;
            }
            words[w] = syms;
            freq[w++] = e.getValue()[0];
        }
        PairCounts pairs = new PairCounts();
        for (int i = 0; i < nWords; i++) {
            pairs.addWord(words[i], freq[i], i);
        }
        pairs.pushAll();
        List<BpeTokenizer.Merge> merges = new ArrayList<>();
        int size = tokens.size();
        while (size < config.vocabSize()) {
            long[] top = pairs.popBest();
            if (top == null || top[0] < config.minFrequency()) {
                break;
            }
            int a = (int) top[1];
            int b = (int) top[2];
            byte[] joined = concat(tokens.get(a), tokens.get(b));
            String visible = ByteLevelAlphabet.toVisible(joined);
            if (specials.containsKey(visible)) {
                continue; // a token spelled like a special could not share the vocabulary with it: never merge
            }
            Integer existing = vocab.get(visible);
            int id;
            if (existing != null) {
                id = existing;
            } else {
                id = tokens.size();
                tokens.add(joined);
                vocab.put(visible, id);
                size++;
            }
            merges.add(new BpeTokenizer.Merge(ByteLevelAlphabet.toVisible(tokens.get(a)),
                    ByteLevelAlphabet.toVisible(tokens.get(b))));
            for (int wi : pairs.wordsWith(a, b)) {
                int[] old = words[wi];
                int[] merged = mergeWord(old, a, b, id);
                if (merged != old) {
                    pairs.removeWord(old, freq[wi]);
                    pairs.addWord(merged, freq[wi], wi);
                    words[wi] = merged;
                }
            }
            pairs.pushChanged();
        }
        return new BpeTokenizer(vocab, merges, specials, config.utf8Policy());
    }

    private static int[] mergeWord(int[] w, int a, int b, int id) {
        int[] out = null;
        int n = 0;
        for (int i = 0; i < w.length; ) {
            if (i + 1 < w.length && w[i] == a && w[i + 1] == b) {
                if (out == null) {
                    out = new int[w.length - 1];
                    System.arraycopy(w, 0, out, 0, i);
                    n = i;
                }
                out[n++] = id;
                i += 2;
            } else {
                if (out != null) {
                    out[n++] = w[i];
                }
                i++;
            }
        }
        return out == null ? w : java.util.Arrays.copyOf(out, n);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** Pair counts, the words each pair occurs in, and a lazily updated max-heap. */
    private static final class PairCounts {
        private final Map<Long, long[]> counts = new HashMap<>();
        private final Map<Long, Set<Integer>> where = new HashMap<>();
        private final Set<Long> changed = new HashSet<>();
        // entries {count, left, right}: highest count first, then smallest left, then smallest right
        private final PriorityQueue<long[]> heap = new PriorityQueue<>((x, y) -> x[0] != y[0]
                ? Long.compare(y[0], x[0]) : x[1] != y[1] ? Long.compare(x[1], y[1]) : Long.compare(x[2], y[2]));

        void addWord(int[] w, long f, int wordIndex) {
            for (int i = 0; i + 1 < w.length; i++) {
                long k = key(w[i], w[i + 1]);
                counts.computeIfAbsent(k, x -> new long[1])[0] += f;
                where.computeIfAbsent(k, x -> new HashSet<>()).add(wordIndex);
                changed.add(k);
            }
        }

        void removeWord(int[] w, long f) {
            for (int i = 0; i + 1 < w.length; i++) {
                long k = key(w[i], w[i + 1]);
                counts.get(k)[0] -= f;
                changed.add(k);
            }
        }

        void pushAll() {
            pushChanged();
        }

        /** Every pair whose count changed gets an entry with its current count; older entries go stale. */
        void pushChanged() {
            for (long k : changed) {
                long c = counts.get(k)[0];
                if (c > 0) {
                    heap.add(new long[] {c, k >>> 32, k & 0xFFFFFFFFL});
                }
            }
            changed.clear();
        }

        long[] popBest() {
            long[] top;
            while ((top = heap.poll()) != null) {
                long[] c = counts.get(key((int) top[1], (int) top[2]));
                if (c[0] == top[0]) {
                    return top;
                }
            }
            return null;
        }

        int[] wordsWith(int a, int b) {
            Set<Integer> s = where.remove(key(a, b));
            return s == null ? new int[0] : s.stream().mapToInt(Integer::intValue).sorted().toArray();
        }

        private static long key(int a, int b) {
            return ((long) a << 32) | (b & 0xFFFFFFFFL);
        }
    }
}
