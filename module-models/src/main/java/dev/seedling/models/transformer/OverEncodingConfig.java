package dev.seedling.models.transformer;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code over_encoding} block of the model config: hierarchical n-gram input embeddings (see
 * {@link dev.seedling.models.embedding.OverEncodingEmbedding}). {@link #OFF} (max_order 0) gives the plain embedding.
 *
 * @param maxOrder  N: n-gram orders 2..N (0 = off)
 * @param slices    k: tables per order, each with its own modulus and projection
 * @param tableRows m: rows of the first table; table t has {@code m + 2t}
 * @param tableDim  width d_s of each table; 0 = {@code d_model / ((N−1)·k)} (the paper's layout, n-gram parameters
 *                  totalling m·d)
 * @param eosId     end-of-document token id (n-grams do not reach back past it), or −1 for none
 */
public record OverEncodingConfig(
        @JsonProperty("max_order") int maxOrder,
        @JsonProperty("slices") int slices,
        @JsonProperty("table_rows") int tableRows,
        @JsonProperty("table_dim") int tableDim,
        @JsonProperty("eos_id") int eosId) {

    /** Off: the plain token embedding. */
    public static final OverEncodingConfig OFF = new OverEncodingConfig(0, 2, 0, 0, -1);

    public OverEncodingConfig {
        if (maxOrder != 0 && (maxOrder < 2 || slices < 1 || tableRows < 1 || tableDim < 0 || eosId < -1)) {
            throw new IllegalArgumentException("config: over_encoding needs max_order ≥ 2, slices ≥ 1, table_rows ≥ 1,"
                    + " table_dim ≥ 0 and eos_id ≥ −1 (max_order 0 turns it off); got max_order " + maxOrder
                    + ", slices " + slices + ", table_rows " + tableRows + ", table_dim " + tableDim + ", eos_id "
                    + eosId);
        }
    }

    /** Whether over-encoding is on. */
    public boolean enabled() {
        return maxOrder >= 2;
    }

    /** Number of n-gram tables, {@code (N−1)·k}. */
    public int tables() {
        return enabled() ? (maxOrder - 1) * slices : 0;
    }

    /** The width of each table for a model of width {@code dModel}. */
    public int tableDim(int dModel) {
        return tableDim > 0 ? tableDim : Math.max(1, dModel / tables());
    }
}
