package dev.seedling.models.heads;

import dev.seedling.models.Module;
import dev.seedling.models.nn.Linear;
import dev.seedling.models.norm.NormLayer;
import dev.seedling.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * DeepSeek-V3's sequential multi-token prediction, depth D = n − 1 (the Over-Tokenized paper's MTP-DS). Module k
 * (k = 1..D) predicts {@code x_{t+k+1}}:
 * {@code u_t = M_k·[Norm(h^{k−1}_t); Norm(e_{t+k})]}, {@code h^k = Block_k(u)}, {@code logits = head(Norm(h^k))},
 * with {@code h^0} the trunk's final hidden state and {@code e_{t+k}} the model's input embedding of token
 * {@code x_{t+k}} (zero past the end of the sequence, where the target is ignored anyway). The output head is shared
 * with the trunk. Parameters of module k (named {@code k−1}): {@code norm_h}, {@code norm_e}, {@code proj.weight
 * [d, 2d]}, {@code block.*} (a Transformer block), {@code final_norm}.
 */
public final class SequentialMtp extends MultiTokenPrediction {
    private final List<Depth> depths = new ArrayList<>();

    /** One MTP module: its norms, its 2d → d projection M_k, a Transformer block and the norm before the head. */
    public static final class Depth extends Module {
        private final NormLayer normH;
        private final NormLayer normE;
        private final Linear proj;
        private final UnaryOperator<Tensor> block;
        private final NormLayer finalNorm;

        /**
         * @param block        the block's module (registered as {@code block})
         * @param blockForward its forward over {@code [B, T, d]}, causal in T
         */
        public Depth(NormLayer normH, NormLayer normE, Linear proj, Module block, UnaryOperator<Tensor> blockForward,
                     NormLayer finalNorm) {
            if (proj.inFeatures() != 2 * proj.outFeatures()) {
                throw new IllegalArgumentException("SequentialMtp: projection " + proj.outFeatures() + "×"
                        + proj.inFeatures() + " must map 2d → d");
            }
            this.normH = child("norm_h", normH);
            this.normE = child("norm_e", normE);
            this.proj = child("proj", proj);
            child("block", block);
            this.block = blockForward;
            this.finalNorm = child("final_norm", finalNorm);
        }

        Tensor forward(Tensor previous, Tensor nextEmbedded) {
            Tensor u = proj.forward(Tensor.cat(-1, normH.forward(previous), normE.forward(nextEmbedded)));
            return block.apply(u);                                   // DeepSeek-V3 eq. 21-22
        }
    }

    public SequentialMtp(List<Depth> depths, float[] weights) {
        super(weights);
        if (depths.size() != weights.length) {
            throw new IllegalArgumentException("SequentialMtp: " + depths.size() + " modules for " + weights.length
                    + " loss weights");
        }
        for (Depth d : depths) {
            this.depths.add(child(Integer.toString(this.depths.size()), d));
        }
    }

    @Override
    public List<Tensor> logits(Tensor hidden, Tensor embedded, UnaryOperator<Tensor> head) {
        List<Tensor> out = new ArrayList<>();
        Tensor h = hidden;
        for (int k = 1; k <= depths.size(); k++) {
            Depth depth = depths.get(k - 1);
            h = depth.forward(h, shiftLeft(embedded, k));
            out.add(head.apply(depth.finalNorm.forward(h)));        // DeepSeek-V3 eq. 23: shared output head
        }
        return out;
    }

    /** {@code x[:, t + k]} at position t, zero past the end. */
    static Tensor shiftLeft(Tensor x, int k) {
        int len = x.size(1);
        if (k >= len) {
            return x.mul(0f);
        }
        Tensor tail = x.narrow(1, k, len - k);
        Tensor pad = x.narrow(1, 0, k).mul(0f);
        return Tensor.cat(1, tail, pad);
    }
}
