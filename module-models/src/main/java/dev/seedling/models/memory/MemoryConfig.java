package dev.seedling.models.memory;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The memory layers of a Transformer LM, the nested {@code memory} object of {@code config.json} (every field is
 * documented in {@code docs/checkpoint-format.md}). {@link #none()} (kind {@code none}) means no memory layer.
 *
 * @param kind              {@code none}, {@code pkm} (product-key memory) or {@code ultramem}
 * @param placement         skip placements {@code a:b[/c:d...]}: each memory reads block a's FFN input (the normed
 *                          pre-FFN hidden state) and its output is added to the stream after block b (a ≤ b)
 * @param keys              keys per side: PKM's n (N = n² values); UltraMem's K ({@code knum}: K² physical values,
 *                          √E·K keys per side)
 * @param keyDim            query/key width: PKM's full query (two halves of keyDim/2); UltraMem's kdim per side
 * @param valueDim          UltraMem's value width (PKM values are d_model wide)
 * @param topM              selections per head (PKM knn, UltraMem m)
 * @param heads             retrieval heads (UltraMem: 1 or even; heads 2i and 2i+1 share query i)
 * @param rank              UltraMem Tucker rank r
 * @param cores             UltraMem multi-core-scoring cores h (divides valueDim)
 * @param expansion         UltraMem implicit value expansion E (a perfect square)
 * @param auxCoef           UltraMem auxiliary loss coefficient α (0 = off)
 * @param auxTau            UltraMem auxiliary loss margin τ
 * @param valueLrStart      value learning-rate multiplier at step 0, decaying linearly to 1
 * @param valueLrDecaySteps steps of that decay (0 = multiplier 1 throughout)
 */
@lombok.Builder(toBuilder = true)
public record MemoryConfig(
        @JsonProperty("kind") String kind,
        @JsonProperty("placement") String placement,
        @JsonProperty("keys") int keys,
        @JsonProperty("key_dim") int keyDim,
        @JsonProperty("value_dim") int valueDim,
        @JsonProperty("top_m") int topM,
        @JsonProperty("heads") int heads,
        @JsonProperty("rank") int rank,
        @JsonProperty("cores") int cores,
        @JsonProperty("expansion") int expansion,
        @JsonProperty("aux_coef") float auxCoef,
        @JsonProperty("aux_tau") float auxTau,
        @JsonProperty("value_lr_start") float valueLrStart,
        @JsonProperty("value_lr_decay_steps") long valueLrDecaySteps) {

    public MemoryConfig {
        if (!List.of("none", "pkm", "ultramem").contains(kind)) {
            throw new IllegalArgumentException("config: memory.kind is '" + kind + "' but must be one of none, pkm, "
                    + "ultramem");
        }
        if (!kind.equals("none")) {
            MemoryPlacement.parse(placement);
            positive("keys", keys);
            positive("key_dim", keyDim);
            positive("top_m", topM);
            positive("heads", heads);
            if (kind.equals("pkm")) {
                if (keyDim % 2 != 0) {
                    throw new IllegalArgumentException("config: memory.key_dim " + keyDim + " must be even for pkm "
                            + "(two halves)");
                }
                if (topM > keys) {
                    throw new IllegalArgumentException("config: memory.top_m " + topM + " exceeds memory.keys "
                            + keys);
                }
            } else {
                positive("value_dim", valueDim);
                positive("rank", rank);
                positive("cores", cores);
                positive("expansion", expansion);
                int kE = (int) Math.round(Math.sqrt(expansion));
                if (kE * kE != expansion) {
                    throw new IllegalArgumentException("config: memory.expansion " + expansion
                            + " must be a perfect square (key expansion √E)");
                }
                if (valueDim % cores != 0) {
                    throw new IllegalArgumentException("config: memory.cores " + cores + " must divide memory.value_dim "
                            + valueDim + " (each core scales its own slice)");
                }
                if (heads != 1 && heads % 2 != 0) {
                    throw new IllegalArgumentException("config: memory.heads " + heads + " must be 1 or even (heads "
                            + "share queries in pairs)");
                }
                if (topM > kE * keys) {
                    throw new IllegalArgumentException("config: memory.top_m " + topM + " exceeds the keys per side "
                            + kE * keys);
                }
                if ((long) keys * keys * expansion > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("config: memory.keys " + keys + " and expansion " + expansion
                            + " give more than 2^31 virtual values");
                }
            }
            if (!(valueLrStart > 0) || valueLrDecaySteps < 0) {
                throw new IllegalArgumentException("config: memory.value_lr_start must be positive and "
                        + "memory.value_lr_decay_steps non-negative (" + valueLrStart + ", " + valueLrDecaySteps + ")");
            }
        }
    }

    private static void positive(String field, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException("config: memory." + field + " must be positive but is " + v);
        }
    }

    /** No memory layer; the other fields hold UltraMem's small defaults so that switching {@code kind} is enough. */
    public static MemoryConfig none() {
        return new MemoryConfig("none", "", 16, 32, 32, 8, 2, 2, 2, 4, 0.001f, 0.15f, 4f, 1000);
    }

    /** Whether any memory layer is configured. */
    public boolean enabled() {
        return !kind.equals("none");
    }

    /** The parsed placements (empty for {@code none}). */
    public List<MemoryPlacement> placements() {
        return enabled() ? MemoryPlacement.parse(placement) : List.of();
    }

    /** UltraMem's key expansion √E. */
    public int keyExpansion() {
        return (int) Math.round(Math.sqrt(expansion));
    }
}
