package dev.seedling.models.attention;

import dev.seedling.models.Module;
import dev.seedling.models.nn.Linear;
import dev.seedling.models.nn.Projection;
import dev.seedling.models.norm.NormLayer;
import dev.seedling.tensor.Functional;
import dev.seedling.tensor.Tensor;

/**
 * Causal multi-head self-attention with grouped-query heads ({@code kvHeads} divides {@code heads}), rotary position
 * embeddings and an optional KV cache:
 * {@code softmax(q·kᵀ/√d_h + causal mask)·v}, heads concatenated, then {@code o_proj}. Parameter names follow the Llama
 * layout ({@code q_proj}, {@code k_proj}, {@code v_proj}, {@code o_proj}). Optional {@link AttentionNorms}
 * ({@code q_norm}, {@code k_norm}, {@code v_norm}, {@code context_norm}) give QK-norm, HybridNorm's QKV-norm
 * {@code softmax(Norm(Q)·Norm(K)ᵀ/√d_h)·Norm(V)} and SDD's attention; {@code o_proj} may be any {@link Projection}.
 */
public final class CausalSelfAttention extends Module {
    private final Linear q;
    private final Linear k;
    private final Linear v;
    private final Projection o;
    private final NormLayer qNorm;
    private final NormLayer kNorm;
    private final NormLayer vNorm;
    private final NormLayer contextNorm;
    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final int layer;
    private final RotaryEmbedding rope;

    public CausalSelfAttention(Linear q, Linear k, Linear v, Linear o, int heads, int kvHeads, int layer,
                               RotaryEmbedding rope) {
        this(q, k, v, o, AttentionNorms.NONE, heads, kvHeads, layer, rope);
    }

    /** With the given norms and output projection ({@code o} a {@link Linear} or an SDD linear). */
    public <P extends dev.seedling.models.Module & Projection> CausalSelfAttention(
            Linear q, Linear k, Linear v, P o, AttentionNorms norms, int heads, int kvHeads, int layer,
            RotaryEmbedding rope) {
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException("attention: kvHeads " + kvHeads + " must divide heads " + heads);
        }
        this.q = child("q_proj", q);
        this.k = child("k_proj", k);
        this.v = child("v_proj", v);
        this.o = child("o_proj", o);
        this.qNorm = norms.query() == null ? null : child("q_norm", norms.query());
        this.kNorm = norms.key() == null ? null : child("k_norm", norms.key());
        this.vNorm = norms.value() == null ? null : child("v_norm", norms.value());
        this.contextNorm = norms.context() == null ? null : child("context_norm", norms.context());
        this.heads = heads;
        this.kvHeads = kvHeads;
        this.headDim = q.outFeatures() / heads;
        this.layer = layer;
        this.rope = rope;
    }

    /** {@code x [B, T, d]} to {@code [B, T, d]}; with a cache, the positions continue after those cached. */
    public Tensor forward(Tensor x, KvCache cache) {
        int b = x.size(0);
        int t = x.size(1);
        int offset = cache == null ? 0 : cache.length(layer);
        Tensor qh = split(q.forward(x), b, t, heads);
        Tensor kh = split(k.forward(x), b, t, kvHeads);
        Tensor vh = split(v.forward(x), b, t, kvHeads);
        qh = qNorm == null ? qh : qNorm.forward(qh);
        kh = kNorm == null ? kh : kNorm.forward(kh);
        vh = vNorm == null ? vh : vNorm.forward(vh);
        if (rope != null) {
            qh = rope.apply(qh, offset);
            kh = rope.apply(kh, offset);
        }
        if (cache != null) {
            Tensor[] kv = cache.append(layer, kh, vh);
            kh = kv[0];
            vh = kv[1];
        }
        kh = repeatKv(kh);
        vh = repeatKv(vh);
        // query i sits at absolute position offset+i and may see keys j <= offset+i (the cache holds offset+t keys)
        Tensor attn = Functional.causalAttention(qh, kh, vh, (float) (1 / Math.sqrt(headDim)));
        Tensor out = attn.transpose(1, 2).reshape(b, t, heads * headDim);
        return o.forward(contextNorm == null ? out : contextNorm.forward(out));
    }

    private Tensor split(Tensor y, int b, int t, int n) {
        return y.reshape(b, t, n, headDim).transpose(1, 2);
    }

    /** {@code [B, kvHeads, S, hd]} to {@code [B, heads, S, hd]}, each kv head serving heads/kvHeads query heads. */
    private Tensor repeatKv(Tensor x) {
        if (kvHeads == heads) {
            return x;
        }
        int b = x.size(0);
        int s = x.size(2);
        return x.unsqueeze(2).expand(b, kvHeads, heads / kvHeads, s, headDim).reshape(b, heads, s, headDim);
    }
}
