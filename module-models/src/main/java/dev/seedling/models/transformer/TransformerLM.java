package dev.seedling.models.transformer;

import dev.seedling.models.Init;
import dev.seedling.models.Module;
import dev.seedling.models.attention.AttentionNorms;
import dev.seedling.models.attention.CausalSelfAttention;
import dev.seedling.models.attention.KvCache;
import dev.seedling.models.attention.RotaryEmbedding;
import dev.seedling.models.ffn.FeedForward;
import dev.seedling.models.activation.PolyActivation;
import dev.seedling.models.activation.PolyNorm;
import dev.seedling.models.activation.PolyReLU;
import dev.seedling.models.embedding.InputEmbedding;
import dev.seedling.models.embedding.NGramHashing;
import dev.seedling.models.embedding.OverEncodingEmbedding;
import dev.seedling.models.embedding.TokenEmbedding;
import dev.seedling.models.ffn.GeluFeedForward;
import dev.seedling.models.ffn.SddSwiGluFeedForward;
import dev.seedling.models.memory.MemoryLayers;
import dev.seedling.models.ffn.PolyFeedForward;
import dev.seedling.models.ffn.SwiGluFeedForward;
import dev.seedling.models.heads.MultiTokenPrediction;
import dev.seedling.models.heads.ParallelTokenHeads;
import dev.seedling.models.heads.SequentialMtp;
import dev.seedling.models.moe.MixtureOfExperts;
import dev.seedling.models.nn.Dropout;
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
import dev.seedling.tensor.DType;
import dev.seedling.tensor.Functional;
import dev.seedling.tensor.Generator;
import dev.seedling.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
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
 * {@code alpha} vectors; the
 * input-embedding and output-head slots add their own (over-encoding's {@code embed.ngram.<t>.weight},
 * {@code embed.proj.<t>.weight}; multi-token heads under {@code mtp.}), memory layers {@code memories.<j>.*}.
 *
 * <p>Slots: the input embedding ({@link InputEmbedding}: plain or over-encoding), the residual sites and connections,
 * the FFN kind, memory layers between blocks, and the output heads (the next-token head, plus optional
 * {@link MultiTokenPrediction} heads that only add training losses).
 */
public final class TransformerLM extends Module {
    private final TransformerConfig config;
    private final NormLayout layout;
    private final InputEmbedding embed;
    private final MultiTokenPrediction multiToken;
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
        this.embed = child("embed", inputEmbedding(gen, std));
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
                PolyActivation shared = polyActivation();              // PolyCom: one set per MoE layer
                for (int e = 0; e < config.moeExperts(); e++) {
                    experts.add(denseFfn(gen, std, outStd, shared));
                }
                MixtureOfExperts moe = new MixtureOfExperts(linear(gen, std, config.moeExperts(), d), experts,
                        config.moeTopK(), true, shared);
                moeLayers.add(moe);
                ffn = moe;
            } else {
                ffn = denseFfn(gen, std, outStd, null);
            }
            var block = new TransformerBlock(site(layout.attentionSite(i, config.layers()), 2 * i), attn,
                    site(layout.ffnSite(i, config.layers()), 2 * i + 1), ffn,
                    new Dropout(config.dropout(), dropoutGen));
            blocks.add(((BlockList) blockList).add(block));
        }
        this.finalNorm = layout.finalNorm()
                ? child("final_norm", NormLayer.create(config.norm(), d, config.normEps())) : null;
        this.lmHead = config.tieEmbeddings() ? null : child("lm_head", linear(gen, std, config.vocabSize(), d));
        this.multiToken = config.multiToken().enabled()
                ? child("mtp", multiTokenHeads(gen, std, outputStd(std, config.layers() - 1), rope)) : null;
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

    /** The input-embedding slot: the plain token table, or over-encoding with its n-gram tables. */
    private InputEmbedding inputEmbedding(Generator gen, float std) {
        Tensor tokens = Init.truncatedNormal(gen, std, config.vocabSize(), config.dModel());
        OverEncodingConfig oe = config.overEncoding();
        if (!oe.enabled()) {
            return new TokenEmbedding(tokens);
        }
        var hashing = new NGramHashing(config.vocabSize(), oe.maxOrder(), oe.slices(), oe.tableRows(), oe.eosId());
        int ds = oe.tableDim(config.dModel());
        List<Tensor> tables = new ArrayList<>();
        List<Tensor> projections = new ArrayList<>();
        for (int t = 0; t < hashing.tables(); t++) {
            // tables like the token embedding, projections N(0, 1/d_s) so W_t·E_t keeps the embedding's scale
            tables.add(Init.truncatedNormal(gen, std, Math.toIntExact(hashing.modulus(t)), ds));
            projections.add(Init.truncatedNormal(gen, (float) (1 / Math.sqrt(ds)), config.dModel(), ds));
        }
        return new OverEncodingEmbedding(tokens, hashing, tables, projections);
    }

    /** The output-heads slot beyond the next-token head: parallel or sequential (DeepSeek) multi-token heads. */
    private MultiTokenPrediction multiTokenHeads(Generator gen, float std, float outStd, RotaryEmbedding rope) {
        MultiTokenConfig mt = config.multiToken();
        int d = config.dModel();
        if (mt.mode().equals("parallel")) {
            List<Linear> projections = new ArrayList<>();
            for (int j = 2; j <= mt.heads(); j++) {
                projections.add(linear(gen, std, d, d));
            }
            return new ParallelTokenHeads(projections, mt.weights());
        }
        List<SequentialMtp.Depth> depths = new ArrayList<>();
        int kvDim = config.kvHeads() * config.headDim();
        for (int k = 1; k < mt.heads(); k++) {
            var attn = new CausalSelfAttention(linear(gen, std, d, d), linear(gen, std, kvDim, d),
                    linear(gen, std, kvDim, d), linear(gen, outStd, d, d), config.heads(), config.kvHeads(), 0, rope);
            var block = new TransformerBlock(mtpSite(), attn, mtpSite(), denseFfn(gen, std, outStd, null),
                    new Dropout(config.dropout(), dropoutGenerator));
            depths.add(new SequentialMtp.Depth(norm(), norm(), linear(gen, std, d, 2 * d), block,
                    h -> block.forward(h, null), norm()));
        }
        return new SequentialMtp(depths, mt.weights());
    }

    /** A site of a sequential MTP module's block: Post-Norm for the classic {@code post} layout, else Pre-Norm. */
    private ResidualSite mtpSite() {
        return config.normLayout().equals("post") ? new PostNormSite(norm()) : new PreNormSite(norm());
    }

    private NormLayer norm() {
        return NormLayer.create(config.norm(), config.dModel(), config.normEps());
    }

    private PolyActivation polyActivation() {
        return switch (config.ffn()) {
            case "polyrelu" -> new PolyReLU(config.polyOrder());
            case "polynorm" -> new PolyNorm(config.polyOrder());
            default -> null;
        };
    }

    /** A dense FFN (or an MoE expert, whose PolyCom activation {@code shared} belongs to the MoE layer). */
    private FeedForward denseFfn(Generator gen, float std, float outStd, PolyActivation shared) {
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
            case "polyrelu", "polynorm" -> new PolyFeedForward(linear(gen, std, config.ffnHidden(), d),
                    shared != null ? shared : polyActivation(), linear(gen, outStd, d, config.ffnHidden()),
                    shared == null);
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
        return head(hidden(ids, cache));
    }

    /**
     * The final hidden states {@code [B, T, dModel]} for token ids {@code [B, T]}: the stream after the last block
     * and the final norm, i.e. what the output heads read (used as text features, e.g. for embeddings). The cache
     * works as in {@link #forward}.
     *
     * @throws IndexOutOfBoundsException if an id is outside the vocabulary
     */
    public Tensor hidden(Tensor ids, KvCache cache) {
        return trunk(embedInputs(ids, cache), cache);
    }

    /** The blocks and the final norm: embedded inputs {@code [B, T, d]} to the hidden state the heads read. */
    private Tensor trunk(Tensor embedded, KvCache cache) {
        Tensor h = enterStream(embedded);
        MemoryLayers.Pass memory = memories.newPass();
        for (int i = 0; i < blocks.size(); i++) {
            h = memory.addAfter(i, blocks.get(i).forward(h, cache, memory.readerAt(i)));
        }
        h = leaveStream(h);
        return finalNorm == null ? h : finalNorm.forward(h);
    }

    /** The next-token head: tied to the input embedding's token table, or {@code lm_head}. */
    private Tensor head(Tensor h) {
        return lmHead == null ? h.matmul(embed.tokenTable().mT()) : lmHead.forward(h);
    }

    /**
     * The input-embedding slot. With a cache, an embedding that reads preceding tokens (over-encoding) gets the
     * tokens kept in the cache, so prefill and token-by-token decoding give identical vectors.
     */
    private Tensor embedInputs(Tensor ids, KvCache cache) {
        if (ids.rank() != 2) {
            throw new IllegalArgumentException("TransformerLM: ids must be [batch, time] but are " + ids.shape());
        }
        int offset = cache == null ? 0 : cache.length();
        if (offset + ids.size(1) > config.maxSeqLen()) {
            throw new IllegalArgumentException("TransformerLM: " + (offset + ids.size(1)) + " positions exceed "
                    + "max_seq_len " + config.maxSeqLen());
        }
        int c = embed.contextTokens();
        if (cache == null || c == 0) {
            return embed.forward(ids, null);
        }
        long[][] kept = cache.recentTokens();
        Tensor e = embed.forward(ids, kept == null || kept[0].length == 0 ? null
                : Tensor.ofLongs(Arrays.stream(kept).flatMapToLong(Arrays::stream).toArray(), kept.length,
                kept[0].length));
        cache.recentTokens(lastTokens(kept, ids, c));
        return e;
    }

    /** Per sequence, the last {@code c} tokens of the kept tokens followed by {@code ids}. */
    private static long[][] lastTokens(long[][] kept, Tensor ids, int c) {
        long[] now = ids.toType(DType.I64).toLongArray();
        int len = ids.size(1);
        long[][] next = new long[ids.size(0)][];
        for (int row = 0; row < next.length; row++) {
            long[] before = kept == null ? new long[0] : kept[row];
            long[] seq = Arrays.copyOf(before, before.length + len);
            System.arraycopy(now, row * len, seq, before.length, len);
            next[row] = Arrays.copyOfRange(seq, Math.max(0, seq.length - c), seq.length);
        }
        return next;
    }

    /**
     * The training loss: mean next-token cross-entropy of {@code targets [B, T]} given {@code ids [B, T]} (ignore
     * index -100), plus the multi-token heads' weighted losses (if configured), plus, for MoE models, the
     * load-balancing and z-losses times their coefficients, plus the memory layers' auxiliary losses (UltraMem's
     * core-rank loss).
     */
    public Tensor loss(Tensor ids, Tensor targets) {
        Tensor embedded = embedInputs(ids, null);
        Tensor hidden = trunk(embedded, null);
        Tensor loss = Functional.crossEntropy(head(hidden), targets);
        if (multiToken != null) {
            Tensor extra = multiToken.loss(hidden, embedded, targets, this::head);
            loss = extra == null ? loss : loss.add(extra);
        }
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
