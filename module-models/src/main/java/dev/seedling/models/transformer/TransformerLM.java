package dev.seedling.models.transformer;

import dev.seedling.models.Init;
import dev.seedling.models.Module;
import dev.seedling.models.attention.AttentionNorms;
import dev.seedling.models.attention.CausalSelfAttention;
import dev.seedling.models.attention.KvCache;
import dev.seedling.models.attention.RotaryEmbedding;
import dev.seedling.models.ffn.FeedForward;
import dev.seedling.models.ffn.GeluFeedForward;
import dev.seedling.models.ffn.SddSwiGluFeedForward;
import dev.seedling.models.ffn.SwiGluFeedForward;
import dev.seedling.models.memory.MemoryLayers;
import dev.seedling.models.moe.MixtureOfExperts;
import dev.seedling.models.nn.Dropout;
import dev.seedling.models.nn.Embedding;
import dev.seedling.models.nn.Linear;
import dev.seedling.models.norm.NormLayer;
import dev.seedling.models.norm.RmsNorm;
import dev.seedling.models.norm.SddLinear;
import dev.seedling.models.residual.AddConnection;
import dev.seedling.models.residual.BareSite;
import dev.seedling.models.residual.Connection;
import dev.seedling.models.residual.FracConnections;
import dev.seedling.models.residual.HyperConnections;
import dev.seedling.models.residual.NormedResidualSite;
import dev.seedling.models.residual.PostNormSite;
import dev.seedling.models.residual.PreNormSite;
import dev.seedling.models.residual.ResidualSite;
import dev.seedling.tensor.Functional;
import dev.seedling.tensor.Generator;
import dev.seedling.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * A decoder-only language model: token embedding, {@code layers} blocks, final norm (all layouts but classic
 * Post-Norm), and an output head (tied to the embedding or its own {@code lm_head}). The blocks' slots come from the
 * config: the {@link NormLayout} places the norms of each residual site and inside attention, the residual scheme
 * picks the {@link Connection} of every site (Hyper-Connections widen the stream to n rows between
 * {@link #forward}'s embedding and final norm). Parameter names (all in {@code docs/checkpoint-format.md}):
 * {@code embed.weight}, {@code blocks.<i>.attn_residual.norm.weight}, {@code blocks.<i>.attn.{q,k,v,o}_proj.weight},
 * {@code blocks.<i>.ffn_residual.norm.weight}, {@code blocks.<i>.ffn.{gate,up,down}_proj.weight},
 * {@code final_norm.weight}, {@code lm_head.weight} (untied only); the layouts and schemes add
 * {@code blocks.<i>.attn.{q,k,v,context}_norm.weight}, {@code blocks.<i>.*_residual.connection.*} and SDD's
 * {@code alpha} vectors.
 */
public final class TransformerLM extends Module {
    private final TransformerConfig config;
    private final NormLayout layout;
    private final Embedding embed;
    private final List<TransformerBlock> blocks = new ArrayList<>();
    private final NormLayer finalNorm;
    private final Linear lmHead;
    private final Generator dropoutGenerator;
    private final List<MixtureOfExperts> moeLayers = new ArrayList<>();
    private final MemoryLayers memories;

    /** Builds and initialises the model on the current backend from {@code config} (deterministic in its seed). */
    public TransformerLM(TransformerConfig config) {
        this.config = config;
        this.layout = NormLayout.of(config.normLayout());
        Generator gen = new Generator(config.seed());
        int d = config.dModel();
        float std = config.init().startsWith("small") ? Init.smallInitStd(d) : config.initStd();
        this.embed = child("embed", new Embedding(Init.truncatedNormal(gen, std, config.vocabSize(), d)));
        RotaryEmbedding rope = new RotaryEmbedding(config.headDim(), config.maxSeqLen(), config.ropeTheta());
        Generator dropoutGen = new Generator(gen.nextLong());
        this.dropoutGenerator = dropoutGen;
        Module blockList = child("blocks", new BlockList());
        for (int i = 0; i < config.layers(); i++) {
            float outStd = outputStd(std, i);
            CausalSelfAttention attn = attention(gen, std, outStd, i, rope);
            FeedForward ffn;
            if (config.moeExperts() > 0) {
                List<FeedForward> experts = new ArrayList<>();
                for (int e = 0; e < config.moeExperts(); e++) {
                    experts.add(denseFfn(gen, std, outStd));
                }
                MixtureOfExperts moe = new MixtureOfExperts(linear(gen, std, config.moeExperts(), d), experts,
                        config.moeTopK(), true);
                moeLayers.add(moe);
                ffn = moe;
            } else {
                ffn = denseFfn(gen, std, outStd);
            }
            var block = new TransformerBlock(site(layout.attentionSite(i, config.layers()), 2 * i), attn,
                    site(layout.ffnSite(i, config.layers()), 2 * i + 1), ffn,
                    new Dropout(config.dropout(), dropoutGen));
            blocks.add(((BlockList) blockList).add(block));
        }
        this.finalNorm = layout.finalNorm()
                ? child("final_norm", NormLayer.create(config.norm(), d, config.normEps())) : null;
        this.lmHead = config.tieEmbeddings() ? null : child("lm_head", linear(gen, std, config.vocabSize(), d));
        this.memories = memoryLayers(new Generator(gen.nextLong()));
    }

    /** The PKM/UltraMem layers ({@code memories.<j>.*}), drawn last so that other parameters keep their values. */
    private MemoryLayers memoryLayers(Generator gen) {
        if (!config.memory().enabled()) {
            return MemoryLayers.none();
        }
        return child("memories", new MemoryLayers(config.memory(), config.dModel(), config.layers(), gen));
    }

    /** Prepares for a training step: memory layers refresh their retrieval state (UltraMem's rank-1 vectors). */
    public void beforeTrainingStep() {
        memories.beforeTrainingStep();
    }

    /**
     * σ of the output projections ({@code o_proj}, {@code down_proj}) of {@code block}: σ/√(2L) (small, normal), σ
     * (the flat schemes, SDD's), σ/√(2(l+1)) (small_depth); times √n with Hyper-Connections' output scaling.
     */
    private float outputStd(float std, int block) {
        float out = switch (config.init()) {
            case "small", "normal" -> Init.depthScaled(std, config.layers());
            case "small_flat", "normal_flat" -> std;
            case "small_depth" -> (float) (std / Math.sqrt(2.0 * (block + 1)));
            default -> throw new IllegalStateException("unreachable: validated init " + config.init());
        };
        return config.blockOptions().scaleOutputProj() ? (float) (out * Math.sqrt(config.blockOptions().rate())) : out;
    }

    /** The attention of {@code block} with the norms its layout puts inside (QK-, QKV-norm, SDD). */
    private CausalSelfAttention attention(Generator gen, float std, float outStd, int block, RotaryEmbedding rope) {
        int d = config.dModel();
        int kvDim = config.kvHeads() * config.headDim();
        Linear q = linear(gen, std, d, d);
        Linear k = linear(gen, std, kvDim, d);
        Linear v = linear(gen, std, kvDim, d);
        Tensor oWeight = Init.truncatedNormal(gen, outStd, d, d);
        AttentionNorms norms = new AttentionNorms(
                layout.normsQueryKey() ? headNorm() : null, layout.normsQueryKey() ? headNorm() : null,
                layout.normsValue() ? headNorm() : null,
                layout.sdd() ? new RmsNorm(d, config.normEps(), true) : null);
        if (layout.sdd()) {
            return new CausalSelfAttention(q, k, v, new SddLinear(oWeight, sddOutputAlpha(), config.normEps()), norms,
                    config.heads(), config.kvHeads(), block, rope);
        }
        return new CausalSelfAttention(q, k, v, new Linear(oWeight, false), norms, config.heads(), config.kvHeads(),
                block, rope);
    }

    private RmsNorm headNorm() {
        return new RmsNorm(config.headDim(), config.normEps(), true);
    }

    /** SDD's initial α of output projections: 1/√(2L) as the released code, or 1/√L as the paper. */
    private float sddOutputAlpha() {
        int sublayers = config.blockOptions().sddAlphaInit().equals("code") ? 2 * config.layers() : config.layers();
        return (float) (1 / Math.sqrt(sublayers));
    }

    private FeedForward denseFfn(Generator gen, float std, float outStd) {
        int d = config.dModel();
        if (layout.sdd()) {
            return new SddSwiGluFeedForward(linear(gen, std, config.ffnHidden(), d),
                    linear(gen, std, config.ffnHidden(), d),
                    new SddLinear(Init.truncatedNormal(gen, outStd, d, config.ffnHidden()), sddOutputAlpha(),
                            config.normEps()), config.normEps());
        }
        return switch (config.ffn()) {
            case "swiglu" -> new SwiGluFeedForward(linear(gen, std, config.ffnHidden(), d),
                    linear(gen, std, config.ffnHidden(), d), linear(gen, outStd, d, config.ffnHidden()));
            case "gelu" -> new GeluFeedForward(linear(gen, std, config.ffnHidden(), d),
                    linear(gen, outStd, d, config.ffnHidden()));
            default -> throw new IllegalStateException("unreachable: validated ffn " + config.ffn());
        };
    }

    /** Residual site number {@code siteIndex} (attention of block b is 2b, its FFN 2b+1) with its placement. */
    private ResidualSite site(NormLayout.Placement placement, int siteIndex) {
        Connection connection = connection(siteIndex);
        if (placement == NormLayout.Placement.BARE) {
            return new BareSite(connection);
        }
        NormLayer norm = NormLayer.create(config.norm(), config.dModel(), config.normEps());
        return switch (placement) {
            case PRE -> new PreNormSite(norm, connection);
            case POST -> new PostNormSite(norm, connection);
            case NORMED -> new NormedResidualSite(norm, connection);
            case BARE -> throw new IllegalStateException("unreachable");
        };
    }

    private Connection connection(int siteIndex) {
        BlockOptions o = config.blockOptions();
        return switch (config.residual()) {
            case "plain" -> new AddConnection();
            case "hyper" -> new HyperConnections(o.rate(), config.dModel(), siteIndex, o.dynamic(), config.normEps());
            case "frac" -> new FracConnections(o.rate(), config.dModel(), o.dynamic(), config.normEps());
            default -> throw new IllegalStateException("unreachable: validated residual " + config.residual());
        };
    }

    /** The residual stream of the embeddings: n copies with Hyper-Connections, else the embeddings themselves. */
    private Tensor enterStream(Tensor h) {
        return config.residual().equals("hyper") ? HyperConnections.expand(h, config.blockOptions().rate()) : h;
    }

    /** The hidden state that feeds the final norm: the sum over Hyper-Connections' streams, else the stream. */
    private Tensor leaveStream(Tensor stream) {
        return config.residual().equals("hyper") ? HyperConnections.collapse(stream) : stream;
    }

    private static Linear linear(Generator gen, float std, int out, int in) {
        return new Linear(Init.truncatedNormal(gen, std, out, in), false);
    }

    public TransformerConfig config() {
        return config;
    }

    /** The generator every dropout layer draws from (its state is saved in checkpoints). */
    public Generator dropoutGenerator() {
        return dropoutGenerator;
    }

    /**
     * Logits {@code [B, T, vocab]} for token ids {@code [B, T]}. With a cache, the ids continue the cached positions
     * and their keys and values are appended.
     *
     * @throws IndexOutOfBoundsException if an id is outside the vocabulary
     */
    public Tensor forward(Tensor ids, KvCache cache) {
        Tensor h = hidden(ids, cache);
        return lmHead == null ? embed.attend(h) : lmHead.forward(h);
    }

    /**
     * The final hidden states {@code [B, T, dModel]} for token ids {@code [B, T]}: the stream after the last block
     * and the final norm, i.e. what the output head reads (used as text features, e.g. for embeddings). The cache
     * works as in {@link #forward}.
     *
     * @throws IndexOutOfBoundsException if an id is outside the vocabulary
     */
    public Tensor hidden(Tensor ids, KvCache cache) {
        if (ids.rank() != 2) {
            throw new IllegalArgumentException("TransformerLM: ids must be [batch, time] but are " + ids.shape());
        }
        int offset = cache == null ? 0 : cache.length();
        if (offset + ids.size(1) > config.maxSeqLen()) {
            throw new IllegalArgumentException("TransformerLM: " + (offset + ids.size(1)) + " positions exceed "
                    + "max_seq_len " + config.maxSeqLen());
        }
        Tensor h = enterStream(embed.forward(ids));
        MemoryLayers.Pass memory = memories.newPass();
        for (int i = 0; i < blocks.size(); i++) {
            h = memory.addAfter(i, blocks.get(i).forward(h, cache, memory.readerAt(i)));
        }
        h = leaveStream(h);
        return finalNorm == null ? h : finalNorm.forward(h);
    }

    /**
     * The training loss: mean next-token cross-entropy of {@code targets [B, T]} given {@code ids [B, T]} (ignore
     * index -100), plus, for MoE models, the load-balancing and z-losses times their coefficients, plus the memory
     * layers' auxiliary losses (UltraMem's core-rank loss).
     */
    public Tensor loss(Tensor ids, Tensor targets) {
        Tensor loss = Functional.crossEntropy(forward(ids, null), targets);
        for (MixtureOfExperts moe : moeLayers) {
            loss = loss.add(moe.loadBalancingLoss().mul(config.moeBalanceCoef()))
                    .add(moe.zLoss().mul(config.moeZCoef()));
        }
        Tensor memoryAux = memories.auxiliaryLoss();
        return memoryAux == null ? loss : loss.add(memoryAux);
    }

    /** A new cache sized for this model. */
    public KvCache newCache() {
        return new KvCache(config.layers());
    }

    /** The container that names blocks {@code 0, 1, ...}. */
    private static final class BlockList extends Module {
        private int next;

        TransformerBlock add(TransformerBlock b) {
            return child(Integer.toString(next++), b);
        }
    }
}
