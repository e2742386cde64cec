package dev.seedling.models.transformer;

import dev.seedling.models.Init;
import dev.seedling.models.Module;
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
import dev.seedling.models.ffn.PolyFeedForward;
import dev.seedling.models.ffn.SwiGluFeedForward;
import dev.seedling.models.heads.MultiTokenPrediction;
import dev.seedling.models.heads.ParallelTokenHeads;
import dev.seedling.models.heads.SequentialMtp;
import dev.seedling.models.moe.MixtureOfExperts;
import dev.seedling.models.nn.Dropout;
import dev.seedling.models.nn.Linear;
import dev.seedling.models.norm.NormLayer;
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
 * A decoder-only language model: token embedding, {@code layers} blocks, final norm (Pre-Norm layout only), and an
 * output head (tied to the embedding or its own {@code lm_head}). Parameter names:
 * {@code embed.weight}, {@code blocks.<i>.attn_residual.norm.weight}, {@code blocks.<i>.attn.{q,k,v,o}_proj.weight},
 * {@code blocks.<i>.ffn_residual.norm.weight}, {@code blocks.<i>.ffn.{gate,up,down}_proj.weight},
 * {@code final_norm.weight}, {@code lm_head.weight} (untied only); the slots add their own (over-encoding's
 * {@code embed.ngram.<t>.weight}, {@code embed.proj.<t>.weight}; multi-token heads under {@code mtp.}).
 *
 * <p>Slots: the input embedding ({@link InputEmbedding}: plain or over-encoding), the FFN kind, and the output heads
 * (the next-token head, plus optional {@link MultiTokenPrediction} heads that only add training losses).
 */
public final class TransformerLM extends Module {
    private final TransformerConfig config;
    private final InputEmbedding embed;
    private final MultiTokenPrediction multiToken;
    private final List<TransformerBlock> blocks = new ArrayList<>();
    private final NormLayer finalNorm;
    private final Linear lmHead;
    private final Generator dropoutGenerator;
    private final List<MixtureOfExperts> moeLayers = new ArrayList<>();

    /** Builds and initialises the model on the current backend from {@code config} (deterministic in its seed). */
    public TransformerLM(TransformerConfig config) {
        this.config = config;
        Generator gen = new Generator(config.seed());
        int d = config.dModel();
        float std = config.init().equals("small") ? Init.smallInitStd(d) : config.initStd();
        float outStd = Init.depthScaled(std, config.layers());
        this.embed = child("embed", inputEmbedding(gen, std));
        RotaryEmbedding rope = new RotaryEmbedding(config.headDim(), config.maxSeqLen(), config.ropeTheta());
        Generator dropoutGen = new Generator(gen.nextLong());
        this.dropoutGenerator = dropoutGen;
        Module blockList = child("blocks", new BlockList());
        int kvDim = config.kvHeads() * config.headDim();
        for (int i = 0; i < config.layers(); i++) {
            var attn = new CausalSelfAttention(
                    linear(gen, std, d, d), linear(gen, std, kvDim, d), linear(gen, std, kvDim, d),
                    linear(gen, outStd, d, d), config.heads(), config.kvHeads(), i, rope);
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
            var block = new TransformerBlock(site(), attn, site(), ffn, new Dropout(config.dropout(), dropoutGen));
            blocks.add(((BlockList) blockList).add(block));
        }
        // Post-Norm already normalises the stream after the last sublayer
        this.finalNorm = config.normLayout().equals("pre")
                ? child("final_norm", NormLayer.create(config.norm(), d, config.normEps())) : null;
        this.lmHead = config.tieEmbeddings() ? null : child("lm_head", linear(gen, std, config.vocabSize(), d));
        this.multiToken = config.multiToken().enabled() ? child("mtp", multiTokenHeads(gen, std, outStd, rope))
                : null;
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
            var block = new TransformerBlock(site(), attn, site(), denseFfn(gen, std, outStd, null),
                    new Dropout(config.dropout(), dropoutGenerator));
            depths.add(new SequentialMtp.Depth(norm(), norm(), linear(gen, std, d, 2 * d), block,
                    h -> block.forward(h, null), norm()));
        }
        return new SequentialMtp(depths, mt.weights());
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

    private ResidualSite site() {
        NormLayer norm = NormLayer.create(config.norm(), config.dModel(), config.normEps());
        return config.normLayout().equals("pre") ? new PreNormSite(norm) : new PostNormSite(norm);
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
    private Tensor trunk(Tensor h, KvCache cache) {
        for (TransformerBlock block : blocks) {
            h = block.forward(h, cache);
        }
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
     * load-balancing and z-losses times their coefficients.
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
        return loss;
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
