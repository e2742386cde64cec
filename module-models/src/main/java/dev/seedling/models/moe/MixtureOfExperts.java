package dev.seedling.models.moe;

import dev.seedling.autograd.GradMode;
import dev.seedling.models.ffn.FeedForward;
import dev.seedling.models.nn.Linear;
import dev.seedling.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * A dropless Mixture-of-Experts FFN. Per token, a linear router gives logits {@code z}; {@code p = softmax(z)};
 * the {@code k} largest probabilities pick the experts, whose outputs are summed with those probabilities as weights
 * (renormalised to sum to 1 when {@code normalizeTopK}). Every routed token is processed (no capacity limit): tokens
 * are gathered per expert, run through it, and scattered back.
 *
 * <p>Auxiliary losses of the last forward, to be added to the training loss with their coefficients:
 * {@link #loadBalancingLoss()} = {@code E · Σ_e f_e · P_e} (Switch Transformer; {@code f_e} the fraction of
 * routing slots sent to expert e, {@code P_e} its mean router probability) and {@link #zLoss()} =
 * {@code mean(logsumexp(z)²)} (ST-MoE).
 */
public final class MixtureOfExperts extends FeedForward {
    private final Linear router;
    private final List<FeedForward> experts = new ArrayList<>();
    private final int topK;
    private final boolean normalizeTopK;
    private Tensor lastBalance;
    private Tensor lastZ;

    public MixtureOfExperts(Linear router, List<? extends FeedForward> experts, int topK, boolean normalizeTopK) {
        this(router, experts, topK, normalizeTopK, null);
    }

    /**
     * As above, with a module whose parameters all experts share (PolyCom's activation coefficients, one set per MoE
     * layer); it is registered once, as {@code act}, and the experts must not register it themselves. May be null.
     */
    public MixtureOfExperts(Linear router, List<? extends FeedForward> experts, int topK, boolean normalizeTopK,
                            dev.seedling.models.Module sharedByExperts) {
        if (router.outFeatures() != experts.size()) {
            throw new IllegalArgumentException("MoE: router has " + router.outFeatures() + " outputs for "
                    + experts.size() + " experts");
        }
        if (topK < 1 || topK > experts.size()) {
            throw new IllegalArgumentException("MoE: top-k " + topK + " must be in [1, " + experts.size() + "]");
        }
        this.router = child("router", router);
        ExpertList list = child("experts", new ExpertList());
        for (FeedForward e : experts) {
            this.experts.add(list.add(e));
        }
        if (sharedByExperts != null) {
            child("act", sharedByExperts);
        }
        this.topK = topK;
        this.normalizeTopK = normalizeTopK;
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] shape = x.dims();
        int d = shape[shape.length - 1];
        Tensor flat = x.reshape(-1, d);
        int n = flat.size(0);
        int e = experts.size();
        Tensor logits = router.forward(flat);                         // [N, E]
        Tensor probs = logits.softmax(-1);
        var top = probs.topk(topK, -1, true);                         // [N, k]
        Tensor gates = normalizeTopK ? top.values().div(top.values().sum(-1, true)) : top.values();
        long[] chosen = top.indices().toLongArray();

        Tensor out = Tensor.zeros(n, d).to(x.backend());
        int[] counts = new int[e];
        for (int expert = 0; expert < e; expert++) {
            // the (token, slot) pairs routed to this expert, found on the host from the top-k indices
            List<Integer> tokens = new ArrayList<>();
            List<Integer> slots = new ArrayList<>();
            for (int i = 0; i < chosen.length; i++) {
                if (chosen[i] == expert) {
                    tokens.add(i / topK);
                    slots.add(i);
                }
            }
            counts[expert] = tokens.size();
            if (tokens.isEmpty()) {
                continue;
            }
            Tensor tokenIdx = indexTensor(tokens, x);
            Tensor slotIdx = indexTensor(slots, x);
            Tensor y = experts.get(expert).forward(flat.indexSelect(0, tokenIdx));           // [m, d]
            Tensor w = gates.reshape(-1).indexSelect(0, slotIdx).unsqueeze(1);              // [m, 1]
            out = out.indexAdd(0, tokenIdx, y.mul(w));
        }
        // Switch load balancing: f_e is a count (no gradient), P_e carries the gradient to the router
        float[] f = new float[e];
        for (int i = 0; i < e; i++) {
            f[i] = counts[i] / (float) (n * topK);
        }
        Tensor fraction;
        try (var s = dev.seedling.Seedling.use(x.backend()); var ng = GradMode.noGrad()) {
            fraction = Tensor.of(f, e);
        }
        lastBalance = probs.mean(0, false).mul(fraction).sum().mul((float) e);
        Tensor lse = logits.sub(logits.max(-1, true).detach()).exp().sum(-1, false).log()
                .add(logits.max(-1, false).detach());
        lastZ = lse.square().mean();
        return out.reshape(shape);
    }

    private static Tensor indexTensor(List<Integer> idx, Tensor like) {
        long[] l = new long[idx.size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = idx.get(i);
        }
        try (var s = dev.seedling.Seedling.use(like.backend())) {
            return Tensor.ofLongs(l, l.length);
        }
    }

    /** The load-balancing loss of the last forward (1.0 when routing is perfectly uniform). */
    public Tensor loadBalancingLoss() {
        return requireForward(lastBalance);
    }

    /** The router z-loss of the last forward. */
    public Tensor zLoss() {
        return requireForward(lastZ);
    }

    private static Tensor requireForward(Tensor t) {
        if (t == null) {
            throw new IllegalStateException("MoE: auxiliary losses exist only after a forward pass");
        }
        return t;
    }

    /** Names experts {@code 0, 1, ...}. */
    private static final class ExpertList extends dev.seedling.models.Module {
        private int next;

        FeedForward add(FeedForward f) {
            return child(Integer.toString(next++), f);
        }
    }
}
