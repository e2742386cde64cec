package dev.seedling.models.memory;

import dev.seedling.models.Parameter;
import dev.seedling.models.nn.Linear;
import dev.seedling.tensor.Generator;
import dev.seedling.tensor.Tensor;

/**
 * The product-key memory of Lample et al. (2019), the baseline UltraMem improves on. Per head h:
 * {@code q = W_q·x} split into halves {@code q1, q2}; {@code s1 = K1·q1}, {@code s2 = K2·q2}; the exact two-stage
 * top-k ({@link ProductKeys}) picks k slots {@code i·n + j} with scores {@code s1[i] + s2[j]}; the output is
 * {@code Σ softmax(scores)·V[slot]}, summed over heads. No query norm (as XLM's default). Values are d_model wide and
 * take row-sparse gradients.
 *
 * <p>Parameters: {@code query_proj.weight [heads·key_dim, d]}, {@code keys [heads, 2, n, key_dim/2]},
 * {@code values [n², d]}. Initialisation as XLM: keys U(±1/√(key_dim/2)), values N(0, 1/d).
 */
public final class ProductKeyMemory extends MemoryLayer {
    private final Linear queryProj;
    private final Parameter keys;
    private final Parameter values;
    private final int heads;
    private final int halfDim;
    private final int topK;

    public ProductKeyMemory(MemoryConfig c, int dModel, Generator gen) {
        this.heads = c.heads();
        this.halfDim = c.keyDim() / 2;
        this.topK = c.topM();
        int n = c.keys();
        this.queryProj = child("query_proj", new Linear(
                Tensor.normal(0, 1 / Math.sqrt(dModel), gen, heads * c.keyDim(), dModel), false));
        float bound = (float) (1 / Math.sqrt(halfDim));
        this.keys = parameter("keys", Parameter.decayed(
                Tensor.rand(gen, heads, 2, n, halfDim).mul(2 * bound).sub(bound).detach()));
        Tensor v = Tensor.normal(0, 1 / Math.sqrt(dModel), gen, n * n, dModel);
        v.requiresSparseGrad(true);
        this.values = parameter("values", new Parameter(v, false, 1f,
                ValueLearningRate.linearDecay(c.valueLrStart(), c.valueLrDecaySteps())));
    }

    @Override
    public Tensor forward(Tensor x) {
        int d = x.size(-1);
        Tensor flat = x.reshape(-1, d);
        int tokens = flat.size(0);
        Tensor q = queryProj.forward(flat).reshape(tokens, heads, 2, halfDim);
        Tensor out = null;
        for (int h = 0; h < heads; h++) {
            Tensor k1 = keys.value().select(0, h).select(0, 0);                    // [n, half]
            Tensor k2 = keys.value().select(0, h).select(0, 1);
            Tensor s1 = q.select(1, h).select(1, 0).matmul(k1.mT());               // s1 = K1·q1  [T, n]
            Tensor s2 = q.select(1, h).select(1, 1).matmul(k2.mT());
            ProductKeys.Selection sel = ProductKeys.topK(s1, s2, topK);
            Tensor w = sel.scores().softmax(-1);                                  // [T, k]
            Tensor rows = values.value().indexSelect(0,
                    Tensor.ofLongs(sel.slots(), sel.slots().length).to(x.backend())).reshape(tokens, topK, d);
            Tensor o = rows.mul(w.unsqueeze(2)).sum(1, false);                    // Σ w·V[slot]
            out = out == null ? o : out.add(o);
        }
        return out.reshape(x.dims());
    }

    public Tensor values() {
        return values.value();
    }
}
