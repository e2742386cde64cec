package dev.seedling.models.embedding;

/**
 * The hashed n-gram ids of hierarchical over-encoding (Over-Tokenized Transformer, §3). Table {@code t} of
 * {@code T = (N−1)·k} has order {@code n = 2 + t / k} and modulus {@code m_t = m + 2t} (the paper's "m+2" trick, so
 * that the k slices of one order collide differently). The id of position i in table t is
 * {@code (Σ_{j=0..n−1} x_{i−j}·V^j) mod m_t}, computed exactly and incrementally in {@code long} with
 * {@link Math#floorMod}: {@code id = (id + x·c) mod m; c = c·V mod m}, whose intermediates stay below {@code V·m}
 * (checked to be < 2^63 at construction).
 *
 * <p>Tokens before the start of the sequence count as 0 (the paper's zero padding), and so do tokens before the
 * start of the document: an n-gram never crosses a document boundary. A document starts after each end-of-document
 * token ({@code eosId}; the EOS itself ends its own document) and wherever a caller's document-start mask says so.
 * A document's first token therefore gets the ids of position 0 of a fresh sequence.
 *
 * @param vocab   V, the base of the n-gram number
 * @param maxOrder N ≥ 2, the largest order
 * @param slices  k ≥ 1, tables per order
 * @param modulus m, the base table size
 * @param eosId   the end-of-document token, or −1 for none
 */
public record NGramHashing(int vocab, int maxOrder, int slices, long modulus, long eosId) {
    public NGramHashing {
        if (vocab < 1 || maxOrder < 2 || slices < 1 || modulus < 1) {
            throw new IllegalArgumentException("NGramHashing: need vocab ≥ 1, max order ≥ 2, slices ≥ 1, modulus ≥ 1;"
                    + " got V=" + vocab + ", N=" + maxOrder + ", k=" + slices + ", m=" + modulus);
        }
        long largest = modulus + 2L * ((long) (maxOrder - 1) * slices - 1);
        if (Math.multiplyHigh(largest, vocab) != 0 || largest * vocab < 0) {
            throw new IllegalArgumentException("NGramHashing: V·m_t = " + vocab + "·" + largest
                    + " overflows a long; the exact id computation needs V·m < 2^63");
        }
    }

    /** Number of n-gram tables, {@code (N−1)·k}. */
    public int tables() {
        return (maxOrder - 1) * slices;
    }

    /** The order n of table t. */
    public int order(int table) {
        return 2 + table / slices;
    }

    /** The modulus {@code m_t = m + 2t} of table t (its row count). */
    public long modulus(int table) {
        return modulus + 2L * table;
    }

    /**
     * The id of the n-gram ending at {@code tokens[i]}, of order {@code n}, modulo {@code m}, reading no token before
     * {@code docStart} (those count as 0).
     */
    public long id(long[] tokens, int i, int docStart, int n, long m) {
        long id = 0;
        long c = 1 % m;
        for (int j = 0; j < n && i - j >= docStart; j++) {
            id = Math.floorMod(id + tokens[i - j] * c, m);
            c = Math.floorMod(c * vocab, m);
        }
        return id;
    }

    /**
     * The ids of every table for positions {@code from ≤ i < tokens.length} of one sequence: {@code [T][len − from]}.
     * Positions before {@code from} are context only (the tokens before a KV-cached chunk).
     *
     * @param documentStarts optional mask, true where a token begins a new document (may be null)
     */
    public long[][] ids(long[] tokens, int from, boolean[] documentStarts) {
        int count = tokens.length - from;
        long[][] out = new long[tables()][count];
        int docStart = 0;
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] < 0 || tokens[i] >= vocab) {
                throw new IndexOutOfBoundsException("over-encoding: token id " + tokens[i] + " at position " + i
                        + " is outside the vocabulary [0, " + vocab + ")");
            }
            if (documentStarts != null && documentStarts[i]) {
                docStart = i;
            } else if (i > 0 && tokens[i - 1] == eosId) {
                docStart = i;
            }
            if (i < from) {
                continue;
            }
            for (int t = 0; t < tables(); t++) {
                out[t][i - from] = id(tokens, i, docStart, order(t), modulus(t));
            }
        }
        return out;
    }
}
