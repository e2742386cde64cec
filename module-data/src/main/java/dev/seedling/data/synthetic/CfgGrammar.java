package dev.seedling.data.synthetic;

import dev.seedling.data.loader.TokenArraySequences;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A layered context-free grammar: the non-terminals of level {@code l} rewrite to sequences of level {@code l+1}
 * symbols, and the last level rewrites to terminals (token ids {@code 0..terminals-1}). Sentences are drawn by
 * expanding the root with uniformly chosen rules; {@link #accepts} decides membership by memoised parsing.
 *
 * @param terminals number of terminals
 * @param rules {@code rules.get(l).get(s)} lists the right-hand sides of non-terminal {@code s} of level {@code l}
 */
public record CfgGrammar(int terminals, List<List<List<int[]>>> rules) {
    /** Copies the lists (the int arrays are shared and must not be modified). */
    public CfgGrammar {
        rules = rules.stream().map(level -> level.stream().map(List::copyOf).toList()).toList();
    }

    /** A grammar drawn from {@code seed}: the same seed and config always give the same grammar. */
    public static CfgGrammar random(CfgConfig config, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] sizes = config.levelSizes();
        List<List<List<int[]>>> levels = new ArrayList<>();
        for (int l = 0; l < sizes.length; l++) {
            int next = l + 1 < sizes.length ? sizes[l + 1] : config.terminals();
            List<List<int[]>> level = new ArrayList<>();
            for (int s = 0; s < sizes[l]; s++) {
                int count = config.minRules() + rng.nextInt(config.maxRules() - config.minRules() + 1);
                List<int[]> rhs = new ArrayList<>();
                int guard = 0;
                while (rhs.size() < count && guard++ < 1000) {
                    int len = config.minRhs() + rng.nextInt(config.maxRhs() - config.minRhs() + 1);
                    int[] r = new int[len];
                    for (int i = 0; i < len; i++) {
                        r[i] = rng.nextInt(next);
                    }
                    if (rhs.stream().noneMatch(x -> java.util.Arrays.equals(x, r))) {
                        rhs.add(r);
                    }
                }
                level.add(rhs);
            }
            levels.add(level);
        }
        return new CfgGrammar(config.terminals(), levels);
    }

    /** A sentence drawn with {@code rng}. */
    public int[] sample(SplittableRandom rng) {
        List<Integer> out = new ArrayList<>();
        expand(0, 0, rng, out);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private void expand(int level, int symbol, SplittableRandom rng, List<Integer> out) {
        List<int[]> options = rules.get(level).get(symbol);
        int[] rhs = options.get(rng.nextInt(options.size()));
        for (int s : rhs) {
            if (level + 1 == rules.size()) {
                out.add(s);
            } else {
                expand(level + 1, s, rng, out);
            }
        }
    }

    /** {@code count} sentences drawn from {@code seed}. */
    public List<int[]> corpus(long seed, int count) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<int[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(sample(rng));
        }
        return out;
    }

    /**
     * A training set for the loader: {@code documents} sentences drawn from {@code seed}, each followed by the EOS id
     * {@code terminals()} (so the vocabulary has {@code terminals() + 1} ids), packed into sequences of
     * {@code contextLength + 1} tokens.
     */
    public TokenArraySequences packed(long seed, int documents, int contextLength) {
        return TokenArraySequences.packDocuments(corpus(seed, documents), terminals, contextLength);
    }

    /** Whether the root derives {@code sentence}. Cubic-ish in the length: meant for tests and evaluation. */
    public boolean accepts(int[] sentence) {
        return derives(0, 0, sentence, 0, sentence.length, new HashMap<>());
    }

    private boolean derives(int level, int symbol, int[] t, int from, int to, Map<Long, Boolean> memo) {
        long key = (((long) level * 64 + symbol) * (t.length + 1) + from) * (t.length + 1) + to;
        Boolean known = memo.get(key);
        if (known != null) {
            return known;
        }
        boolean ok = false;
        for (int[] rhs : rules.get(level).get(symbol)) {
            if (matches(level, rhs, 0, t, from, to, memo)) {
                ok = true;
                break;
            }
        }
        memo.put(key, ok);
        return ok;
    }

    private boolean matches(int level, int[] rhs, int k, int[] t, int from, int to, Map<Long, Boolean> memo) {
        if (k == rhs.length) {
            return from == to;
        }
        int remaining = rhs.length - k - 1;
        if (level + 1 == rules.size()) {
            return from < to && t[from] == rhs[k] && matches(level, rhs, k + 1, t, from + 1, to, memo);
        }
        for (int mid = from + 1; mid <= to - remaining; mid++) {
            if (derives(level + 1, rhs[k], t, from, mid, memo) && matches(level, rhs, k + 1, t, mid, to, memo)) {
                return true;
            }
        }
        return false;
    }
}
