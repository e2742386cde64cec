package dev.seedling.cli;

import dev.seedling.models.memory.MemoryConfig;
import dev.seedling.models.transformer.TransformerConfig;

import java.util.List;

/**
 * The models that {@code bench decode} and {@code experiment ultramem} compare: one dense backbone, and the same
 * backbone with sparse parameters added as MoE experts, a product-key memory or UltraMem. Byte-level vocabulary.
 */
final class MemoryComparisonModels {
    private MemoryComparisonModels() {
    }

    /** The model kinds, in table order. */
    static final List<String> KINDS = List.of("dense", "moe", "pkm", "ultramem", "dense-wide");

    /**
     * Decode-benchmark models of about equal total parameters (~35M): dense-wide (every parameter active), MoE
     * (16 experts, top-2), UltraMem (two 2^17-slot memories on the dense backbone), and the dense backbone alone.
     */
    static TransformerConfig decode(String kind) {
        TransformerConfig base = TransformerConfig.small().toBuilder().vocabSize(256).dModel(256).layers(4).heads(4)
                .kvHeads(4).ffnHidden(688).maxSeqLen(256).build();
        return switch (kind) {
            case "dense" -> base;
            case "dense-wide" -> base.toBuilder().ffnHidden(11008).build();
            case "moe" -> base.toBuilder().moeExperts(16).moeTopK(2).build();
            case "pkm" -> base.toBuilder().memory(MemoryConfig.none().toBuilder().kind("pkm").placement("0:1/2:3")
                    .keys(256).keyDim(128).topM(32).heads(4).build()).build();
            case "ultramem" -> base.toBuilder().memory(MemoryConfig.none().toBuilder().kind("ultramem")
                    .placement("0:1/2:3").keys(362).keyDim(64).valueDim(128).topM(32).heads(2).rank(2).cores(2)
                    .expansion(4).build()).build();
            default -> throw unknown(kind);
        };
    }

    /**
     * Experiment models at about equal compute per token: the same dense backbone (d 128, 4 blocks), with 8 experts of
     * half width top-2 (so the active FFN width equals the dense one), a PKM (one 4096-slot memory, 1:1), or UltraMem
     * (one memory of 64² physical values, E = 4, placed 1:2); dense-wide has the MoE's total parameters, all active.
     */
    static TransformerConfig experiment(String kind, int seqLen, long steps) {
        TransformerConfig base = TransformerConfig.small().toBuilder().vocabSize(256).dModel(128).layers(4).heads(4)
                .kvHeads(4).ffnHidden(344).maxSeqLen(seqLen).build();
        return switch (kind) {
            case "dense" -> base;
            case "dense-wide" -> base.toBuilder().ffnHidden(344 * 4).build();
            case "moe" -> base.toBuilder().moeExperts(8).moeTopK(2).ffnHidden(172).build();
            case "pkm" -> base.toBuilder().memory(MemoryConfig.none().toBuilder().kind("pkm").placement("1:1")
                    .keys(64).keyDim(64).topM(16).heads(2).valueLrStart(1).valueLrDecaySteps(0).build()).build();
            case "ultramem" -> base.toBuilder().memory(MemoryConfig.none().toBuilder().kind("ultramem")
                    .placement("1:2").keys(64).keyDim(32).valueDim(64).topM(16).heads(2).rank(2).cores(2)
                    .expansion(4).valueLrStart(4).valueLrDecaySteps(steps).build()).build();
            default -> throw unknown(kind);
        };
    }

    private static IllegalArgumentException unknown(String kind) {
        return new IllegalArgumentException("unknown model kind '" + kind + "' (known: " + String.join(", ", KINDS)
                + ")");
    }
}
