package dev.seedling.models.attention;

import dev.seedling.models.Module;
import dev.seedling.models.nn.Linear;
import dev.seedling.tensor.Functional;
import dev.seedling.tensor.Tensor;

/**
 * Causal multi-head self-attention with grouped-query heads ({@code kvHeads} divides {@code heads}), rotary position
 * embeddings and an optional KV cache:
 * {@code softmax(q·kᵀ/√d_h + causal mask)·v}, heads concatenated, then {@code o_proj}. Parameter names follow the Llama
 * layout ({@code q_proj}, {@code k_proj}, {@code v_proj}, {@code o_proj}).
 */
public final class CausalSelfAttention extends Module {
    private final Linear q;
    private final Linear k;
    private final Linear v;
    private final Linear o;
    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final int layer;
    private final RotaryEmbedding rope;

    public CausalSelfAttention(Linear q, Linear k, Linear v, Linear o, int heads, int kvHeads, int layer,
                               RotaryEmbedding rope) {
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException("attention: kvHeads " + kvHeads + " must divide heads " + heads);
        }
        this.q = child("q_proj", q);
        this.k = child("k_proj", k);
        this.v = child("v_proj", v);
        this.o = child("o_proj", o);
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
        return o.forward(out);
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
