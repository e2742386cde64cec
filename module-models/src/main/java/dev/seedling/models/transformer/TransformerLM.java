package dev.seedling.models.transformer;

import dev.seedling.models.Init;
import dev.seedling.models.Module;
import dev.seedling.models.attention.CausalSelfAttention;
import dev.seedling.models.attention.KvCache;
import dev.seedling.models.attention.RotaryEmbedding;
import dev.seedling.models.ffn.FeedForward;
import dev.seedling.models.ffn.GeluFeedForward;
import dev.seedling.models.ffn.SwiGluFeedForward;
import dev.seedling.models.memory.MemoryLayers;
import dev.seedling.models.moe.MixtureOfExperts;
import dev.seedling.models.nn.Dropout;
import dev.seedling.models.nn.Embedding;
import dev.seedling.models.nn.Linear;
import dev.seedling.models.norm.NormLayer;
import dev.seedling.models.residual.PostNormSite;
import dev.seedling.models.residual.PreNormSite;
import dev.seedling.models.residual.ResidualSite;
import dev.seedling.tensor.Functional;
import dev.seedling.tensor.Generator;
import dev.seedling.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * A decoder-only language model: token embedding, {@code layers} blocks, final norm (Pre-Norm layout only), and an
 * output head (tied to the embedding or its own {@code lm_head}). Parameter names:
 * {@code embed.weight}, {@code blocks.<i>.attn_residual.norm.weight}, {@code blocks.<i>.attn.{q,k,v,o}_proj.weight},
 * {@code blocks.<i>.ffn_residual.norm.weight}, {@code blocks.<i>.ffn.{gate,up,down}_proj.weight},
 * {@code final_norm.weight}, {@code lm_head.weight} (untied only).
 */
public final class TransformerLM extends Module {
    private final TransformerConfig config;
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
        Generator gen = new Generator(config.seed());
        int d = config.dModel();
        float std = config.init().equals("small") ? Init.smallInitStd(d) : config.initStd();
        float outStd = Init.depthScaled(std, config.layers());
        this.embed = child("embed", new Embedding(Init.truncatedNormal(gen, std, config.vocabSize(), d)));
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
            var block = new TransformerBlock(site(), attn, site(), ffn, new Dropout(config.dropout(), dropoutGen));
            blocks.add(((BlockList) blockList).add(block));
        }
        // Post-Norm already normalises the stream after the last sublayer
        this.finalNorm = config.normLayout().equals("pre")
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

    private FeedForward denseFfn(Generator gen, float std, float outStd) {
        int d = config.dModel();
        return switch (config.ffn()) {
            case "swiglu" -> new SwiGluFeedForward(linear(gen, std, config.ffnHidden(), d),
                    linear(gen, std, config.ffnHidden(), d), linear(gen, outStd, d, config.ffnHidden()));
            case "gelu" -> new GeluFeedForward(linear(gen, std, config.ffnHidden(), d),
                    linear(gen, outStd, d, config.ffnHidden()));
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
        Tensor h = embed.forward(ids);
        MemoryLayers.Pass memory = memories.newPass();
        for (int i = 0; i < blocks.size(); i++) {
            h = memory.addAfter(i, blocks.get(i).forward(h, cache, memory.readerAt(i)));
        }
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
