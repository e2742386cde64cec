package dev.seedling.models.transformer;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seedling.models.memory.MemoryConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configuration of a {@link TransformerLM}, read from and written to {@code config.json} (snake_case keys; an
 * unknown key is an error naming it). Every field is documented in {@code docs/checkpoint-format.md}.
 *
 * @param vocabSize     number of token ids
 * @param dModel        width of the residual stream
 * @param layers        number of blocks (each = attention + FFN)
 * @param heads         query heads
 * @param kvHeads       key/value heads (grouped-query attention; divides heads)
 * @param ffnHidden     hidden width of the FFN
 * @param maxSeqLen     longest sequence (RoPE table size)
 * @param ropeTheta     RoPE base
 * @param norm          {@code rms} or {@code layer}
 * @param normEps       epsilon of every norm
 * @param normLayout    {@code pre}, {@code post} (classic {@code Norm(h + T(h))}), {@code post_normed} (OLMo's
 *                      {@code x = Norm(h); x + T(x)}), {@code qk_norm}, {@code pre_post}, {@code mix_ln},
 *                      {@code hybrid}, {@code hybrid_star}, {@code sdd_post} or {@code sdd_pre} (see
 *                      {@link NormLayout})
 * @param residual      {@code plain}, {@code hyper} (Hyper-Connections) or {@code frac} (Frac-Connections)
 * @param ffn           {@code swiglu}, {@code gelu}, {@code polyrelu} or {@code polynorm} (PolyCom's gate-free FFN)
 * @param tieEmbeddings whether the output head reuses the token embedding
 * @param dropout       dropout probability on sublayer outputs during training
 * @param init          {@code small} (σ = 1/√(2.5·d)) or {@code normal} (σ = initStd), output projections
 *                      depth-scaled by 1/√(2L) in both; {@code small_flat} / {@code normal_flat} without that scaling;
 *                      {@code small_depth}: output projections of block l at σ/√(2(l+1))
 * @param initStd       σ for {@code normal}
 * @param seed          seed of the initialisation and dropout
 * @param moeExperts    experts per MoE FFN (0 = dense FFN)
 * @param moeTopK       experts per token
 * @param moeBalanceCoef coefficient of the load-balancing loss added to the training loss
 * @param moeZCoef      coefficient of the router z-loss
 * @param memory        memory layers (PKM or UltraMem) with their skip placements; {@link MemoryConfig#none()} for none
 * @param blockOptions  options of the residual scheme and norm layout; null means {@link BlockOptions#DEFAULT}
 * @param polyOrder     order r of the PolyCom activations ({@code ffn} {@code polyrelu} / {@code polynorm})
 * @param overEncoding  the input-embedding slot: n-gram over-encoding, or {@link OverEncodingConfig#OFF}
 * @param multiToken    the output-heads slot: multi-token prediction heads, or {@link MultiTokenConfig#OFF}
 */
@lombok.Builder(toBuilder = true)
public record TransformerConfig(
        @JsonProperty("vocab_size") int vocabSize,
        @JsonProperty("d_model") int dModel,
        @JsonProperty("layers") int layers,
        @JsonProperty("heads") int heads,
        @JsonProperty("kv_heads") int kvHeads,
        @JsonProperty("ffn_hidden") int ffnHidden,
        @JsonProperty("max_seq_len") int maxSeqLen,
        @JsonProperty("rope_theta") double ropeTheta,
        @JsonProperty("norm") String norm,
        @JsonProperty("norm_eps") float normEps,
        @JsonProperty("norm_layout") String normLayout,
        @JsonProperty("residual") String residual,
        @JsonProperty("ffn") String ffn,
        @JsonProperty("tie_embeddings") boolean tieEmbeddings,
        @JsonProperty("dropout") float dropout,
        @JsonProperty("init") String init,
        @JsonProperty("init_std") float initStd,
        @JsonProperty("seed") long seed,
        @JsonProperty("moe_experts") int moeExperts,
        @JsonProperty("moe_top_k") int moeTopK,
        @JsonProperty("moe_balance_coef") float moeBalanceCoef,
        @JsonProperty("moe_z_coef") float moeZCoef,
        @JsonProperty("memory") MemoryConfig memory,
        @JsonProperty("block_options") BlockOptions blockOptions,
        @JsonProperty("poly_order") int polyOrder,
        @JsonProperty("over_encoding") OverEncodingConfig overEncoding,
        @JsonProperty("multi_token") MultiTokenConfig multiToken) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public TransformerConfig {
        positive("vocab_size", vocabSize);
        positive("d_model", dModel);
        positive("layers", layers);
        positive("heads", heads);
        positive("kv_heads", kvHeads);
        positive("ffn_hidden", ffnHidden);
        positive("max_seq_len", maxSeqLen);
        if (dModel % heads != 0) {
            throw new IllegalArgumentException("config: d_model " + dModel + " must be divisible by heads " + heads);
        }
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException("config: kv_heads " + kvHeads + " must divide heads " + heads);
        }
        if ((dModel / heads) % 2 != 0) {
            throw new IllegalArgumentException("config: head dimension " + dModel / heads + " must be even for RoPE");
        }
        oneOf("norm", norm, "rms", "layer");
        blockOptions = blockOptions == null ? BlockOptions.DEFAULT : blockOptions;
        NormLayout.validate(normLayout, residual, blockOptions, dModel, ffn, moeExperts);
        oneOf("ffn", ffn, "swiglu", "gelu", "polyrelu", "polynorm");
        if (ffn.startsWith("poly") && polyOrder < 1) {
            throw new IllegalArgumentException("config: poly_order must be at least 1 but is " + polyOrder);
        }
        overEncoding = overEncoding == null ? OverEncodingConfig.OFF : overEncoding;
        multiToken = multiToken == null ? MultiTokenConfig.OFF : multiToken;
        if (overEncoding.enabled() && overEncoding.eosId() >= vocabSize) {
            throw new IllegalArgumentException("config: over_encoding.eos_id " + overEncoding.eosId()
                    + " must be below vocab_size " + vocabSize);
        }
        oneOf("init", init, "small", "normal", "small_flat", "normal_flat", "small_depth");
        if (moeExperts < 0 || (moeExperts > 0 && (moeTopK < 1 || moeTopK > moeExperts))) {
            throw new IllegalArgumentException("config: moe_top_k " + moeTopK + " must be in [1, moe_experts="
                    + moeExperts + "] (moe_experts 0 means a dense FFN)");
        }
        memory = memory == null ? MemoryConfig.none() : memory;
        if (memory.enabled() && residual.equals("hyper")) {
            throw new IllegalArgumentException("config: memory layers cannot be combined with residual 'hyper': a"
                    + " memory's output has no defined place among the n Hyper-Connection streams (use plain or frac)");
        }
        for (var p : memory.placements()) {
            if (p.addBlock() >= layers) {
                throw new IllegalArgumentException("config: memory.placement " + p.readBlock() + ":" + p.addBlock()
                        + " refers to a block beyond layers " + layers);
            }
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("config: dropout must be in [0, 1) but is " + dropout);
        }
    }

    private static void positive(String field, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException("config: " + field + " must be positive but is " + v);
        }
    }

    static void oneOf(String field, String v, String... allowed) {
        for (String a : allowed) {
            if (a.equals(v)) {
                return;
            }
        }
        throw new IllegalArgumentException("config: " + field + " is '" + v + "' but must be one of "
                + String.join(", ", allowed));
    }

    /** The small model of the PyTorch reference benchmark: vocab 256, d 256, 4 layers, 4 heads, SwiGLU 688, seq 128. */
    public static TransformerConfig small() {
        return builder().vocabSize(256).dModel(256).layers(4).heads(4).kvHeads(4).ffnHidden(688).maxSeqLen(128)
                .ropeTheta(10000).norm("rms").normEps(1e-5f).normLayout("pre").residual("plain").ffn("swiglu")
                .tieEmbeddings(true).dropout(0f).init("small").initStd(0.02f).seed(0)
                .moeExperts(0).moeTopK(2).moeBalanceCoef(0.01f).moeZCoef(0.001f).memory(MemoryConfig.none())
                .blockOptions(BlockOptions.DEFAULT).polyOrder(3).overEncoding(OverEncodingConfig.OFF)
                .multiToken(MultiTokenConfig.OFF).build();
    }

    /** Width of one head. */
    public int headDim() {
        return dModel / heads;
    }

    /** Reads {@code config.json}; errors name the file and the field (see {@link #parse}). */
    public static TransformerConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read model config: " + e.getMessage(), e);
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a JSON object. Keys left out take the values of {@link #small()}; an unknown key, a value of the wrong
     * type or an invalid combination is an {@link IllegalArgumentException} naming the field.
     */
    public static TransformerConfig parse(String json) {
        try {
            JsonNode given = JSON.readTree(json);
            if (given == null || !given.isObject()) {
                throw new IllegalArgumentException("model config must be a JSON object");
            }
            ObjectNode merged = JSON.valueToTree(small());
            mergeInto(merged, given, "");
            return JSON.treeToValue(merged, TransformerConfig.class);
        } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
            throw new IllegalArgumentException(e.getCause().getMessage(), e);
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            String path = String.join(".", e.getPath().stream().map(r -> r.getFieldName()).toList());
            throw new IllegalArgumentException("unknown config field '" + path + "' (known there: "
                    + e.getKnownPropertyIds() + ")", e);
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "?" : e.getPath().get(e.getPath().size() - 1).getFieldName();
            throw new IllegalArgumentException("config field '" + field + "' has a value of the wrong type: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid model config JSON: " + e.getMessage(), e);
        }
    }

    /** Overwrites {@code defaults} with {@code given}, nested objects field by field; an unknown key is an error. */
    private static void mergeInto(ObjectNode defaults, JsonNode given, String prefix) {
        for (var it = given.fields(); it.hasNext(); ) {
            var field = it.next();
            JsonNode known = defaults.get(field.getKey());
            if (known == null) {
                var names = new java.util.ArrayList<String>();
                defaults.fieldNames().forEachRemaining(names::add);
                throw new IllegalArgumentException("unknown config field '" + prefix + field.getKey() + "' (known: "
                        + String.join(", ", names) + ")");
            }
            if (known.isObject() && field.getValue().isObject()) {
                mergeInto((ObjectNode) known, field.getValue(), prefix + field.getKey() + ".");
            } else {
                defaults.set(field.getKey(), field.getValue());
            }
        }
    }

    /** The JSON text of this config. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
