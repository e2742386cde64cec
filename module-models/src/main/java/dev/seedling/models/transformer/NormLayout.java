package dev.seedling.models.transformer;

import java.util.Arrays;

/**
 * Where the norms of a block sit ({@code norm_layout} in {@code config.json}): per residual site one of four
 * {@link Placement}s, and which norms live inside the attention. The layouts of the HybridNorm paper's comparison
 * (arXiv 2503.04598, Table 6) and of SDD (arXiv 2502.15499); see {@code docs/checkpoint-format.md}.
 */
public enum NormLayout {
    /** {@code h + T(Norm(h))}, final norm. */
    PRE("pre"),
    /** The original Transformer, {@code Norm(h + T(h))}, no final norm. */
    POST("post"),
    /** OLMo's Post-Norm (HybridNorm and SDD code): {@code x = Norm(h); x + T(x)} at both sites, final norm. */
    POST_NORMED("post_normed"),
    /** Pre-Norm with per-head RMSNorm on q and k. */
    QK_NORM("qk_norm"),
    /** Pre-Norm attention, OLMo Post-Norm FFN (HybridNorm's "Pre-Post" baseline). */
    PRE_POST("pre_post"),
    /** Mix-LN: classic Post-Norm in the first max(1, ⌊layers/4⌋) blocks, Pre-Norm after, final norm. */
    MIX_LN("mix_ln"),
    /** HybridNorm: QKV-norm attention without a site norm, OLMo Post-Norm FFN, final norm. */
    HYBRID("hybrid"),
    /** HybridNorm*: as {@link #HYBRID} but block 0 is Pre-Norm at both sites (QKV-norm kept). */
    HYBRID_STAR("hybrid_star"),
    /** The released SDD model: OLMo Post-Norm sites, QK-norm, context norm, SDD output projections and FFN. */
    SDD_POST("sdd_post"),
    /** SDD's sublayers in a Pre-Norm block. */
    SDD_PRE("sdd_pre");

    /** The norm placement at one residual site. */
    public enum Placement { PRE, POST, NORMED, BARE }

    private final String configName;

    NormLayout(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** The layout named {@code name}; an unknown name is an error listing the known ones. */
    public static NormLayout of(String name) {
        for (NormLayout l : values()) {
            if (l.configName.equals(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("config: norm_layout is '" + name + "' but must be one of "
                + String.join(", ", Arrays.stream(values()).map(NormLayout::configName).toList()));
    }

    /** The placement at the attention site of {@code block} in a model of {@code layers} blocks. */
    public Placement attentionSite(int block, int layers) {
        return switch (this) {
            case PRE, QK_NORM, PRE_POST, SDD_PRE -> Placement.PRE;
            case POST -> Placement.POST;
            case POST_NORMED, SDD_POST -> Placement.NORMED;
            case MIX_LN -> block < mixLnPostBlocks(layers) ? Placement.POST : Placement.PRE;
            case HYBRID -> Placement.BARE;
            case HYBRID_STAR -> block == 0 ? Placement.PRE : Placement.BARE;
        };
    }

    /** The placement at the FFN site of {@code block}. */
    public Placement ffnSite(int block, int layers) {
        return switch (this) {
            case PRE, QK_NORM, SDD_PRE -> Placement.PRE;
            case POST -> Placement.POST;
            case POST_NORMED, SDD_POST, PRE_POST, HYBRID -> Placement.NORMED;
            case MIX_LN -> block < mixLnPostBlocks(layers) ? Placement.POST : Placement.PRE;
            case HYBRID_STAR -> block == 0 ? Placement.PRE : Placement.NORMED;
        };
    }

    /** Mix-LN's number of leading Post-Norm blocks (its α = 0.25). */
    static int mixLnPostBlocks(int layers) {
        return Math.max(1, layers / 4);
    }

    /** Per-head norms on q and k. */
    public boolean normsQueryKey() {
        return this == QK_NORM || this == HYBRID || this == HYBRID_STAR || sdd();
    }

    /** Per-head norm on v. */
    public boolean normsValue() {
        return this == HYBRID || this == HYBRID_STAR;
    }

    /** SDD sublayers: context norm, SDD {@code o_proj}, SDD SwiGLU. */
    public boolean sdd() {
        return this == SDD_POST || this == SDD_PRE;
    }

    /** Whether a final norm precedes the output head (all but classic Post-Norm, whose stream ends normalised). */
    public boolean finalNorm() {
        return this != POST;
    }

    /**
     * Checks that the layout, residual scheme and options make sense together.
     *
     * @throws IllegalArgumentException naming both settings when they do not
     */
    static void validate(String normLayout, String residual, BlockOptions options, int dModel, String ffn,
                         int moeExperts) {
        NormLayout layout = of(normLayout);
        TransformerConfig.oneOf("residual", residual, "plain", "hyper", "frac");
        if (residual.equals("hyper") && (layout == POST || layout == MIX_LN)) {
            throw new IllegalArgumentException("config: residual 'hyper' cannot be combined with norm_layout '"
                    + normLayout + "': classic Post-Norm normalises each stream after the add and has no final "
                    + "norm to absorb the sum over streams, so the model would not start as its plain counterpart");
        }
        if (residual.equals("frac") && dModel % options.rate() != 0) {
            throw new IllegalArgumentException("config: residual 'frac' needs d_model " + dModel
                    + " divisible by the frac rate m=" + options.rate() + " (block_options.rate)");
        }
        if (residual.equals("plain") && (options.dynamic() || options.rate() != BlockOptions.DEFAULT.rate())) {
            throw new IllegalArgumentException("config: block_options.dynamic and block_options.rate apply to "
                    + "residual 'hyper' or 'frac', not to residual 'plain'");
        }
        if (options.scaleOutputProj() && !residual.equals("hyper")) {
            throw new IllegalArgumentException("config: block_options.scale_output_proj applies to residual "
                    + "'hyper', not to residual '" + residual + "'");
        }
        if (layout.sdd() && (!ffn.equals("swiglu") || moeExperts > 0)) {
            throw new IllegalArgumentException("config: norm_layout '" + normLayout + "' needs ffn 'swiglu' with a "
                    + "dense FFN (moe_experts 0) but ffn is '" + ffn + "' and moe_experts " + moeExperts);
        }
    }
}
