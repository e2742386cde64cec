package dev.seedling.models.transformer;

import dev.seedling.models.Module;
import dev.seedling.models.attention.CausalSelfAttention;
import dev.seedling.models.attention.KvCache;
import dev.seedling.models.ffn.FeedForward;
import dev.seedling.models.nn.Dropout;
import dev.seedling.models.residual.ResidualSite;
import dev.seedling.tensor.Tensor;

/** One block: an attention sublayer and an FFN sublayer, each joined to the stream by its {@link ResidualSite}. */
public final class TransformerBlock extends Module {
    private final ResidualSite attnSite;
    private final CausalSelfAttention attn;
    private final ResidualSite ffnSite;
    private final FeedForward ffn;
    private final Dropout dropout;

    public TransformerBlock(ResidualSite attnSite, CausalSelfAttention attn, ResidualSite ffnSite, FeedForward ffn,
                            Dropout dropout) {
        this.attnSite = child("attn_residual", attnSite);
        this.attn = child("attn", attn);
        this.ffnSite = child("ffn_residual", ffnSite);
        this.ffn = child("ffn", ffn);
        this.dropout = child("dropout", dropout);
    }

    public Tensor forward(Tensor h, KvCache cache) {
        return forward(h, cache, null);
    }

    /** As {@link #forward(Tensor, KvCache)}, handing the FFN's input (after its norm) to {@code ffnInput} if given. */
    public Tensor forward(Tensor h, KvCache cache, java.util.function.Consumer<Tensor> ffnInput) {
        h = attnSite.apply(h, x -> dropout.forward(attn.forward(x, cache)));
        return ffnSite.apply(h, x -> {
            if (ffnInput != null) {
                ffnInput.accept(x);
            }
            return dropout.forward(ffn.forward(x));
        });
    }
}
