package dev.seedling.models.embedding;

import dev.seedling.Seedling;
import dev.seedling.models.Module;
import dev.seedling.models.Parameter;
import dev.seedling.models.nn.Embedding;
import dev.seedling.models.nn.Linear;
import dev.seedling.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Hierarchical over-encoding (Over-Tokenized Transformer, Huang et al., ICML 2025, eq. for OE with
 * {@code E^{m×d|k}} tables): {@code e_i = [E(x_i) + Σ_t W_t·E_t[id_t(i)]] / (1 + T)} with the token table
 * {@code E [V, d]}, {@code T = (N−1)·k} n-gram tables {@code E_t [m + 2t, d_s]} addressed by {@link NGramHashing}, and
 * per-slice projections {@code W_t : d_s → d}. The contributions are averaged, as the paper's description and the
 * re-implementations we read do. The default slice width is {@code d_s = d / ((N−1)·k)}, so the n-gram parameters
 * total {@code m·d} as in the paper's tables.
 *
 * <p>Parameters: {@code weight [V, d]} (the 1-gram table, the only one a tied head may use),
 * {@code ngram.<t>.weight [m + 2t, d_s]}, {@code proj.<t>.weight [d, d_s]}.
 *
 * <p>The n-gram tables take row-sparse gradients ({@link Tensor#requiresSparseGrad}): a step touches
 * {@code B·T} rows per table, and {@link dev.seedling.models.optim.AdamW} updates exactly those rows (lazy row-wise
 * Adam; untouched rows keep their values and moments — no momentum drift, no decay). The tables are excluded from
 * weight decay. No dense gradient of a table is ever formed, so a table of 10⁷ rows costs its values plus two Adam
 * moments (12 bytes per scalar) and per-step work proportional to the batch, not the table.
 */
public final class OverEncodingEmbedding extends InputEmbedding {
    private final Parameter weight;
    private final NGramHashing hashing;
    private final List<Embedding> tables = new ArrayList<>();
    private final List<Linear> projections = new ArrayList<>();

    /**
     * @param tokenTable   the initial 1-gram table {@code [V, d]}
     * @param hashing      orders, slices, moduli and the document boundary token
     * @param ngramTables  initial tables, {@code [m + 2t, d_s]} for t = 0..T−1
     * @param projections  initial projections {@code [d, d_s]}, one per table
     */
    public OverEncodingEmbedding(Tensor tokenTable, NGramHashing hashing, List<Tensor> ngramTables,
                                 List<Tensor> projections) {
        if (tokenTable.rank() != 2 || tokenTable.size(0) != hashing.vocab()) {
            throw new IllegalArgumentException("OverEncoding: token table " + tokenTable.shape() + " must be [V="
                    + hashing.vocab() + ", d]");
        }
        int d = tokenTable.size(1);
        if (ngramTables.size() != hashing.tables() || projections.size() != hashing.tables()) {
            throw new IllegalArgumentException("OverEncoding: " + hashing.tables() + " tables and projections "
                    + "expected for N=" + hashing.maxOrder() + ", k=" + hashing.slices() + " but got "
                    + ngramTables.size() + " and " + projections.size());
        }
        this.weight = parameter("weight", Parameter.decayed(tokenTable));
        this.hashing = hashing;
        Module tableList = child("ngram", new Indexed());
        Module projList = child("proj", new Indexed());
        for (int t = 0; t < hashing.tables(); t++) {
            Tensor table = ngramTables.get(t);
            Tensor proj = projections.get(t);
            if (table.rank() != 2 || table.size(0) != hashing.modulus(t) || proj.rank() != 2
                    || proj.size(0) != d || proj.size(1) != table.size(1)) {
                throw new IllegalArgumentException("OverEncoding: table " + t + " " + table.shape() + " must be [m+2t="
                        + hashing.modulus(t) + ", d_s] and its projection " + proj.shape() + " [d=" + d + ", d_s]");
            }
            this.tables.add(((Indexed) tableList).add(new Embedding(table, true, false)));
            this.projections.add(((Indexed) projList).add(new Linear(proj, false)));
        }
    }

    /** The hashing scheme (orders, moduli, boundary token). */
    public NGramHashing hashing() {
        return hashing;
    }

    @Override
    public int contextTokens() {
        return hashing.maxOrder() - 1;
    }

    @Override
    public Tensor tokenTable() {
        return weight.value();
    }

    @Override
    public Tensor forward(Tensor ids, Tensor previous) {
        return forward(ids, previous, null);
    }

    /**
     * As {@link #forward(Tensor, Tensor)}, with an optional document-start mask {@code [B, T]} (true, or non-zero,
     * where a token begins a document, e.g. from a packed batch's attention mask); EOS tokens start documents too.
     */
    public Tensor forward(Tensor ids, Tensor previous, boolean[][] documentStarts) {
        if (ids.rank() != 2) {
            throw new IllegalArgumentException("OverEncoding: ids must be [batch, time] but are " + ids.shape());
        }
        int b = ids.size(0);
        int len = ids.size(1);
        long[][] ngramIds = ngramIds(ids, previous, documentStarts);
        Tensor e = weight.value().embedding(ids);                                    // E(x_i)
        for (int t = 0; t < tables.size(); t++) {
            Tensor rows;
            try (var s = Seedling.use(ids.backend())) {
                rows = Tensor.ofLongs(ngramIds[t], b, len);
            }
            e = e.add(projections.get(t).forward(tables.get(t).forward(rows)));       // + W_t·E_t[id_t]
        }
        return e.div(1f + tables.size());                                            // averaged over 1 + T
    }

    /** The ids of every table, {@code [T][B·len]} row-major over (batch, time). */
    long[][] ngramIds(Tensor ids, Tensor previous, boolean[][] documentStarts) {
        int b = ids.size(0);
        int len = ids.size(1);
        long[] all = ids.toType(dev.seedling.tensor.DType.I64).toLongArray();
        long[] prev = previous == null ? new long[0] : previous.toType(dev.seedling.tensor.DType.I64).toLongArray();
        int c = previous == null ? 0 : previous.size(1);
        if (previous != null && (previous.rank() != 2 || previous.size(0) != b)) {
            throw new IllegalArgumentException("OverEncoding: previous tokens " + previous.shape()
                    + " must be [batch=" + b + ", c]");
        }
        long[][] out = new long[tables.size()][b * len];
        for (int row = 0; row < b; row++) {
            long[] seq = new long[c + len];
            System.arraycopy(prev, row * c, seq, 0, c);
            System.arraycopy(all, row * len, seq, c, len);
            boolean[] starts = null;
            if (documentStarts != null) {
                starts = new boolean[c + len];
                System.arraycopy(documentStarts[row], 0, starts, c, len);
            }
            long[][] rowIds = hashing.ids(seq, c, starts);
            for (int t = 0; t < out.length; t++) {
                System.arraycopy(rowIds[t], 0, out[t], row * len, len);
            }
        }
        return out;
    }

    /** Names its elements {@code 0, 1, ...}. */
    private static final class Indexed extends Module {
        private int next;

        <M extends Module> M add(M m) {
            return child(Integer.toString(next++), m);
        }
    }
}
