package dev.seedling.tensor;

import dev.seedling.autograd.GradMode;
import dev.seedling.backend.FusedKernels;

import java.util.Optional;

/**
 * Neural-network composites defined once above the SPI: softmax, log-softmax, cross-entropy, RMSNorm, LayerNorm,
 * SwiGLU gating, rotary embedding and causal attention. Each is written as primitive ops; where the backend offers a
 * fused kernel ({@link FusedKernels}) the forward and the backward use it instead (a single pass each, no
 * intermediates), and the conformance suite checks the two paths agree. Norms normalise the last dimension.
 */
public final class Functional {
    private static final ThreadLocal<int[]> COMPOSITE_ONLY = ThreadLocal.withInitial(() -> new int[1]);

    private Functional() {
    }

    /** How {@link #crossEntropy} combines per-element losses. */
    public enum Reduction { MEAN, SUM, NONE }

    /**
     * Options of {@link #crossEntropy}, as in {@code torch.nn.functional.cross_entropy}.
     *
     * @param ignoreIndex    targets equal to it contribute nothing and are not counted by MEAN
     * @param labelSmoothing ε in [0, 1]: the target distribution is (1-ε)·onehot + ε/C
     */
    public record CrossEntropyOptions(long ignoreIndex, float labelSmoothing, Reduction reduction) {
        public static final CrossEntropyOptions DEFAULT = new CrossEntropyOptions(-100, 0f, Reduction.MEAN);

        public CrossEntropyOptions {
            if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
                throw new IllegalArgumentException("crossEntropy: labelSmoothing must be in [0, 1] but is "
                        + labelSmoothing);
            }
        }
    }

    /**
     * Runs {@code body} with fused kernels disabled on this thread, so every composite takes its primitive path.
     * Used by the conformance suite to compare the two.
     */
    public static <T> T compositeOnly(java.util.function.Supplier<T> body) {
        int[] depth = COMPOSITE_ONLY.get();
        depth[0]++;
        try {
            return body.get();
        } finally {
            depth[0]--;
        }
    }

    /** Whether {@link #compositeOnly} is in force on this thread. */
    static boolean compositeOnlyActive() {
        return COMPOSITE_ONLY.get()[0] > 0;
    }

    private static Optional<FusedKernels> fused(Tensor x) {
        return COMPOSITE_ONLY.get()[0] > 0 ? Optional.empty() : x.backend().fused();
    }

    // ---- softmax -----------------------------------------------------------------------------------------------

    /** {@code exp(x - max) / sum(exp(x - max))} along {@code dim}. */
    public static Tensor softmax(Tensor x, int dim) {
        return softmax(x, dim, false);
    }

    /** {@code x - max - log(sum(exp(x - max)))} along {@code dim}. */
    public static Tensor logSoftmax(Tensor x, int dim) {
        return softmax(x, dim, true);
    }

    private static Tensor softmax(Tensor x, int dim, boolean log) {
        String op = log ? "logSoftmax" : "softmax";
        Checks.requireFloat(op, "input", x);
        if (x.rank() == 0) {
            // a scalar is a one-element distribution along dim 0 or -1, as in PyTorch
            Shape.of(1).normalize(dim);
            return softmax(x.reshape(1), 0, log).reshape();
        }
        int d = x.shape().normalize(dim);
        if (d != x.rank() - 1) {
            return softmax(x.transpose(d, -1), -1, log).transpose(d, -1);
        }
        Tensor y;
        try (var ng = GradMode.noGrad()) {
            Optional<FusedKernels> f = fused(x);
            if (x.numel() == 0) {
                // nothing to normalise; the composite would try to take a max over an empty dimension
                y = Tensor.fresh(x.backend().allocate(DType.F32, 0), x.shape());
            } else if (f.isPresent()) {
                Tensor c = x.contiguous();
                y = empty(c);
                f.get().softmax(c.storage(), c.offset(), c.numel() / c.size(-1), c.size(-1), log, y.storage());
            } else {
                Tensor z = x.sub(x.max(-1, true));
                y = log ? z.sub(z.exp().sum(-1, true).log()) : z.exp().div(z.exp().sum(-1, true));
            }
        }
        Optional<FusedKernels> fb = y.numel() == 0 ? Optional.empty() : fused(x);
        return Autograd.record(op, y, g -> {
            if (fb.isPresent()) {
                Tensor gp = packed(g);
                Tensor dx = empty(y);
                if (fb.get().softmaxBackward(y.contiguous().storage(), gp.storage(), y.numel() / y.size(-1),
                        y.size(-1), log, dx.storage())) {
                    return new Tensor[]{dx};
                }
            }
            // d logsoftmax: g - softmax * sum(g); d softmax: y * (g - sum(g * y))
            return new Tensor[]{log ? g.sub(y.exp().mul(g.sum(-1, true))) : y.mul(g.sub(g.mul(y).sum(-1, true)))};
        }, x);
    }

    /** {@code t} as a contiguous tensor starting at offset 0 of its storage (a copy only when it is not). */
    static Tensor packed(Tensor t) {
        Tensor c = t.contiguous();
        return c.offset() == 0 ? c : Views.copy(c.detach());
    }

    /**
     * How the heads of {@code x [..., H, R, d]} lie for the fused head kernels: 1 when {@code x} is contiguous from
     * offset 0; {@code H} when its heads interleave row by row — {@code x} is a contiguous {@code [..., R, H, d]} from
     * offset 0 seen through {@code transpose(-3, -2)}, as a projection's output split into heads is; 0 otherwise (the
     * caller packs it).
     */
    static int headGroups(Tensor x) {
        if (x.offset() != 0) {
            return 0;
        }
        if (x.isContiguous()) {
            return 1;
        }
        int n = x.rank();
        if (n < 3) {
            return 0;
        }
        int h = x.size(n - 3);
        int r = x.size(n - 2);
        int d = x.size(n - 1);
        int[] st = x.strides();
        if (st[n - 1] != 1 || st[n - 3] != d || st[n - 2] != h * d) {
            return 0;
        }
        long block = (long) r * h * d;
        for (int i = n - 4; i >= 0; i--) {
            if (x.size(i) != 1 && st[i] != block) {
                return 0;
            }
            block *= x.size(i);
        }
        return h;
    }

    /** A fresh F32 tensor of {@code like}'s shape laid out as {@link #headGroups} {@code groups} says (1 or H). */
    private static Tensor emptyHeads(Tensor like, int groups) {
        if (groups == 1) {
            return empty(like);
        }
        int n = like.rank();
        int[] dims = like.dims();
        int h = dims[n - 3];
        dims[n - 3] = dims[n - 2];
        dims[n - 2] = h;
        return empty(like, dims).transpose(n - 3, n - 2);
    }

    /** {@code x} in the layout {@code groups} names (1: packed, else heads interleaved), copied only if it is not. */
    private static Tensor inHeadLayout(Tensor x, int groups) {
        if (headGroups(x) == groups) {
            return x;
        }
        if (groups == 1) {
            return packed(x);
        }
        int n = x.rank();
        return x.detach().transpose(n - 3, n - 2).contiguous().transpose(n - 3, n - 2);
    }

    /** A fresh F32 tensor of the shape of {@code like}, contents unspecified: for a fused kernel's output. */
    private static Tensor empty(Tensor like) {
        return Tensor.fresh(like.backend().allocateUninitialised(DType.F32, like.numel()), like.shape());
    }

    private static Tensor empty(Tensor onBackend, int... dims) {
        Shape shape = Shape.of(dims);
        return Tensor.fresh(onBackend.backend().allocateUninitialised(DType.F32, shape.numel()), shape);
    }

    /** The error of a fused backward that is missing; takes the backend's name so a rule captures no tensor for it. */
    private static IllegalStateException missingBackward(String backend, String op) {
        return new IllegalStateException(op + ": backend '" + backend
                + "' offers the fused forward but not its backward");
    }

    // ---- cross-entropy -----------------------------------------------------------------------------------------

    /** Cross-entropy with the default options (mean, ignore index -100, no smoothing). */
    public static Tensor crossEntropy(Tensor logits, Tensor target) {
        return crossEntropy(logits, target, CrossEntropyOptions.DEFAULT);
    }

    /**
     * Cross-entropy between {@code logits} {@code [..., C]} and integer class {@code target} {@code [...]}:
     * {@code -(1-ε)·log p[target] - (ε/C)·Σ_c log p[c]} per position, reduced as asked. MEAN divides by the number of
     * targets not equal to the ignore index (NaN if there are none, as PyTorch).
     *
     * @throws IndexOutOfBoundsException if a target (other than the ignore index) is outside {@code [0, C)}
     */
    public static Tensor crossEntropy(Tensor logits, Tensor target, CrossEntropyOptions options) {
        Checks.requireFloat("crossEntropy", "logits", logits);
        Checks.requireIndex("crossEntropy", "target", target);
        int classes = logits.size(-1);
        int[] lead = java.util.Arrays.copyOf(logits.dims(), logits.rank() - 1);
        if (!Shape.of(lead).equals(target.shape())) {
            throw new ShapeMismatchException("crossEntropy: logits " + logits.shape() + " need target of shape "
                    + Shape.of(lead) + " but got " + target.shape());
        }
        Optional<FusedKernels> f = fused(logits);
        if (f.isPresent() && logits.numel() > 0) {
            Tensor fusedLoss = fusedCrossEntropy(f.get(), logits.reshape(-1, classes).contiguous(),
                    target.reshape(-1).contiguous(), options);
            if (fusedLoss != null) {
                return reduce(fusedLoss, target, options);
            }
        }
        Tensor lp = logSoftmax(logits.reshape(-1, classes), -1);
        Tensor t = target.reshape(-1).toType(DType.F32);
        Tensor valid = t.ne(t.scalarLike((float) options.ignoreIndex()));
        Tensor safeTarget = t.mul(valid).toType(DType.I64);
        Tensor nll = lp.gather(1, safeTarget.unsqueeze(1)).squeeze(1).neg();
        Tensor loss = nll;
        float eps = options.labelSmoothing();
        if (eps > 0) {
            loss = nll.mul(1 - eps).add(lp.mean(-1, false).neg().mul(eps));
        }
        loss = loss.mul(valid);
        return switch (options.reduction()) {
            case NONE -> loss.reshape(target.dims());
            case SUM -> loss.sum();
            case MEAN -> loss.sum().div(valid.sum());
        };
    }

    /**
     * The fused cross-entropy: per-row losses {@code [rows]} (0 at ignored rows) whose backward is
     * {@code g·(softmax - q)}; {@code null} when the backend does not offer it.
     */
    private static Tensor fusedCrossEntropy(FusedKernels f, Tensor x, Tensor t, CrossEntropyOptions options) {
        int rows = x.size(0);
        int classes = x.size(1);
        Tensor loss = empty(x, rows);
        Tensor lse = empty(x, rows);
        long ignore = options.ignoreIndex();
        float eps = options.labelSmoothing();
        if (!f.crossEntropy(x.storage(), x.offset(), rows, classes, t.storage(), t.offset(), ignore, eps,
                loss.storage(), lse.storage())) {
            return null;
        }
        return Autograd.record("crossEntropy", loss, g -> {
            Tensor dx = empty(x);
            if (!f.crossEntropyBackward(x.storage(), x.offset(), rows, classes, t.storage(), t.offset(), ignore, eps,
                    lse.storage(), packed(g).storage(), dx.storage())) {
                throw missingBackward(x.backend().name(), "crossEntropy");
            }
            return new Tensor[]{dx};
        }, x);
    }

    /** Applies the reduction to per-row losses that are already 0 at ignored rows. */
    private static Tensor reduce(Tensor perRow, Tensor target, CrossEntropyOptions options) {
        return switch (options.reduction()) {
            case NONE -> perRow.reshape(target.dims());
            case SUM -> perRow.sum();
            case MEAN -> {
                Tensor t = target.reshape(-1).toType(DType.F32);
                yield perRow.sum().div(t.ne(t.scalarLike((float) options.ignoreIndex())).sum());
            }
        };
    }

    // ---- gated units, rotary embedding, attention -------------------------------------------------------------

    /**
     * SwiGLU's gating {@code silu(gate) ⊙ up} (Shazeer 2020) for equal shapes; one fused pass forward and backward
     * where the backend offers it, else the composite {@code gate.silu().mul(up)}.
     */
    public static Tensor swiglu(Tensor gate, Tensor up) {
        Checks.requireFloat("swiglu", "gate", gate);
        Checks.requireFloat("swiglu", "up", up);
        Checks.sameBackend("swiglu", gate, up);
        Optional<FusedKernels> f = fused(gate);
        if (f.isPresent() && gate.shape().equals(up.shape()) && gate.numel() > 0) {
            Tensor a = packed(gate);
            Tensor b = packed(up);
            Tensor y = empty(a);
            if (f.get().swiglu(a.storage(), b.storage(), a.numel(), y.storage())) {
                return Autograd.record("swiglu", y, g -> {
                    Tensor da = empty(a);
                    Tensor db = empty(b);
                    if (!f.get().swigluBackward(a.storage(), b.storage(), packed(g).storage(), a.numel(),
                            da.storage(), db.storage())) {
                        throw missingBackward(a.backend().name(), "swiglu");
                    }
                    return new Tensor[]{da, db};
                }, gate, up);
            }
        }
        return gate.silu().mul(up);
    }

    /**
     * Rotary position embedding, rotate-half layout: {@code x [..., T, D]} whose first position is {@code offset},
     * with tables {@code cos, sin [maxPositions, D]}: {@code x·cos + (-x2, x1)·sin} (Su et al. 2021, eq. 34).
     */
    public static Tensor rope(Tensor x, Tensor cos, Tensor sin, int offset) {
        Checks.requireFloat("rope", "input", x);
        int t = x.size(-2);
        int dim = x.size(-1);
        if (cos.rank() != 2 || cos.size(1) != dim || !cos.shape().equals(sin.shape()) || dim % 2 != 0
                || offset < 0 || offset + t > cos.size(0)) {
            throw new ShapeMismatchException("rope: input " + x.shape() + " at offset " + offset
                    + " needs even last dimension and tables [>= " + (offset + t) + ", " + dim + "] but has cos "
                    + cos.shape() + " and sin " + sin.shape());
        }
        Tensor c = cos.to(x.backend());
        Tensor s = sin.to(x.backend());
        Optional<FusedKernels> f = fused(x);
        if (f.isPresent() && x.numel() > 0) {
            // heads split from a projection ([B, T, H, d] seen as [B, H, T, d]) are rotated where they lie
            int groups = f.get().interleavedHeads() ? Math.max(headGroups(x), 1) : 1;
            Tensor xc = groups > 1 ? x : x.contiguous();
            Tensor ct = packed(c);
            Tensor st = packed(s);
            int outer = x.numel() / (t * dim);
            Tensor y = emptyHeads(xc, groups);
            if (f.get().rope(xc.storage(), xc.offset(), outer, t, groups, dim, ct.storage(), st.storage(), offset,
                    false, y.storage())) {
                String backend = x.backend().name();
                // the rule reads only the tables: neither x nor y stays alive for it
                return Autograd.record("rope", y, g -> {
                    Tensor gl = inHeadLayout(g, groups);
                    Tensor dx = emptyHeads(g, groups);
                    if (!f.get().rope(gl.storage(), 0, outer, t, groups, dim, ct.storage(), st.storage(), offset,
                            true, dx.storage())) {
                        throw missingBackward(backend, "rope");
                    }
                    return new Tensor[]{dx};
                }, x);
            }
        }
        Tensor cn = c.narrow(0, offset, t);
        Tensor sn = s.narrow(0, offset, t);
        int half = dim / 2;
        Tensor rotated = Tensor.cat(-1, x.narrow(-1, half, half).neg(), x.narrow(-1, 0, half));
        return x.mul(cn).add(rotated.mul(sn));
    }

    /**
     * Causal scaled-dot-product attention {@code softmax(q·kᵀ·scale + mask)·v} for {@code q [..., T, D]} and
     * {@code k, v [..., S, D]} (same leading dimensions, {@code S >= T}): query {@code i} sits at position
     * {@code S - T + i} and sees keys {@code j <= S - T + i}. Where the backend offers it, a fused kernel computes this
     * without storing the {@code T × S} probabilities (FlashAttention: the forward keeps the row log-sum-exp, the
     * backward recomputes); otherwise the composite materialises them.
     */
    public static Tensor causalAttention(Tensor q, Tensor k, Tensor v, float scale) {
        Checks.requireFloat("causalAttention", "q", q);
        Checks.requireFloat("causalAttention", "k", k);
        Checks.requireFloat("causalAttention", "v", v);
        Checks.sameBackend("causalAttention", q, k);
        Checks.sameBackend("causalAttention", q, v);
        int t = q.size(-2);
        int s = k.size(-2);
        int d = q.size(-1);
        Shape lead = Shape.of(java.util.Arrays.copyOf(q.dims(), q.rank() - 2));
        if (q.rank() < 2 || !k.shape().equals(v.shape()) || k.size(-1) != d || s < t
                || !Shape.of(java.util.Arrays.copyOf(k.dims(), k.rank() - 2)).equals(lead)) {
            throw new ShapeMismatchException("causalAttention: q " + q.shape() + ", k " + k.shape() + " and v "
                    + v.shape() + " must be [..., T, D], [..., S, D], [..., S, D] with S >= T");
        }
        Optional<FusedKernels> f = fused(q);
        if (f.isPresent() && q.numel() > 0) {
            // heads split from projections ([B, T, H, d] seen as [B, H, T, d]) are read where they lie, and the
            // result is written the same way, so merging the heads back is a view
            int g0 = headGroups(q);
            int groups = f.get().interleavedHeads() && g0 > 1 && headGroups(k) == g0 && headGroups(v) == g0 ? g0 : 1;
            Tensor qc = inHeadLayout(q, groups);
            Tensor kc = inHeadLayout(k, groups);
            Tensor vc = inHeadLayout(v, groups);
            int heads = lead.numel();
            Tensor out = emptyHeads(qc, groups);
            Tensor lse = empty(qc, heads, t);
            if (f.get().attention(qc.storage(), kc.storage(), vc.storage(), heads, groups, t, s, d, scale,
                    out.storage(), lse.storage())) {
                String backend = q.backend().name();
                return Autograd.record("causalAttention", out, g -> {
                    Tensor dq = emptyHeads(qc, groups);
                    Tensor dk = emptyHeads(kc, groups);
                    Tensor dv = emptyHeads(vc, groups);
                    if (!f.get().attentionBackward(qc.storage(), kc.storage(), vc.storage(), out.storage(),
                            lse.storage(), inHeadLayout(g, groups).storage(), heads, groups, t, s, d, scale,
                            dq.storage(), dk.storage(), dv.storage())) {
                        throw missingBackward(backend, "causalAttention");
                    }
                    return new Tensor[]{dq, dk, dv};
                }, q, k, v);
            }
        }
        Tensor scores = q.matmul(k.mT()).mul(scale);
        Tensor future = Creation.triangular(q.backend(), t, s, s - t + 1, false);
        return softmax(scores.maskedFill(future, Float.NEGATIVE_INFINITY), -1).matmul(v);
    }

    // ---- norms -------------------------------------------------------------------------------------------------

    /** RMSNorm over the last dimension: {@code x / sqrt(mean(x²) + eps) · weight}; {@code weight} may be null. */
    public static Tensor rmsNorm(Tensor x, Tensor weight, float eps) {
        Checks.requireFloat("rmsNorm", "input", x);
        checkAffine("rmsNorm", x, weight, "weight");
        Optional<FusedKernels> f = fused(x);
        if (f.isEmpty() || x.numel() == 0) {
            Tensor y = x.mul(x.square().mean(-1, true).add(eps).rsqrt());
            return weight == null ? y : y.mul(weight);
        }
        Tensor c = x.contiguous();
        Tensor w = weight == null ? null : weight.contiguous();
        Tensor y = empty(c);
        f.get().rmsNorm(c.storage(), c.offset(), c.numel() / c.size(-1), c.size(-1),
                w == null ? null : w.storage(), w == null ? 0 : w.offset(), eps, y.storage());
        return Autograd.record("rmsNorm", y, g -> {
            Tensor dxf = empty(c);
            Tensor dwf = weight == null ? null : empty(w);
            if (f.get().rmsNormBackward(c.storage(), c.offset(), c.numel() / c.size(-1), c.size(-1),
                    w == null ? null : w.storage(), w == null ? 0 : w.offset(), eps, packed(g).storage(),
                    dxf.storage(), dwf == null ? null : dwf.storage())) {
                return new Tensor[]{dxf, dwf};
            }
            Tensor r = x.square().mean(-1, true).add(eps).rsqrt();
            Tensor gw = weight == null ? g : g.mul(weight);
            // dx = r·gw - x·r³·mean(gw·x)
            Tensor dx = gw.mul(r).sub(x.mul(r.mul(r).mul(r)).mul(gw.mul(x).mean(-1, true)));
            Tensor dw = weight == null ? null : Reductions.sumTo(g.mul(x.mul(r)), weight.shape());
            return new Tensor[]{dx, dw};
        }, x, weight);
    }

    /** LayerNorm over the last dimension with biased variance; {@code weight} and {@code bias} may be null. */
    public static Tensor layerNorm(Tensor x, Tensor weight, Tensor bias, float eps) {
        Checks.requireFloat("layerNorm", "input", x);
        checkAffine("layerNorm", x, weight, "weight");
        checkAffine("layerNorm", x, bias, "bias");
        Optional<FusedKernels> f = fused(x);
        if (f.isEmpty() || x.numel() == 0) {
            Tensor centered = x.sub(x.mean(-1, true));
            Tensor y = centered.mul(centered.square().mean(-1, true).add(eps).rsqrt());
            y = weight == null ? y : y.mul(weight);
            return bias == null ? y : y.add(bias);
        }
        Tensor c = x.contiguous();
        Tensor w = weight == null ? null : weight.contiguous();
        Tensor b = bias == null ? null : bias.contiguous();
        Tensor y = empty(c);
        f.get().layerNorm(c.storage(), c.offset(), c.numel() / c.size(-1), c.size(-1),
                w == null ? null : w.storage(), w == null ? 0 : w.offset(),
                b == null ? null : b.storage(), b == null ? 0 : b.offset(), eps, y.storage());
        return Autograd.record("layerNorm", y, g -> {
            Tensor dxf = empty(c);
            Tensor dwf = weight == null ? null : empty(w);
            Tensor dbf = bias == null ? null : empty(b);
            if (f.get().layerNormBackward(c.storage(), c.offset(), c.numel() / c.size(-1), c.size(-1),
                    w == null ? null : w.storage(), w == null ? 0 : w.offset(), eps, packed(g).storage(),
                    dxf.storage(), dwf == null ? null : dwf.storage(), dbf == null ? null : dbf.storage())) {
                return new Tensor[]{dxf, dwf, dbf};
            }
            Tensor centered = x.sub(x.mean(-1, true));
            Tensor r = centered.square().mean(-1, true).add(eps).rsqrt();
            Tensor xhat = centered.mul(r);
            Tensor gx = weight == null ? g : g.mul(weight);
            // dx = r·(gx - mean(gx) - xhat·mean(gx·xhat))
            Tensor dx = gx.sub(gx.mean(-1, true)).sub(xhat.mul(gx.mul(xhat).mean(-1, true))).mul(r);
            return new Tensor[]{dx,
                    weight == null ? null : Reductions.sumTo(g.mul(xhat), weight.shape()),
                    bias == null ? null : Reductions.sumTo(g, bias.shape())};
        }, x, weight, bias);
    }

    private static void checkAffine(String op, Tensor x, Tensor p, String what) {
        if (p == null) {
            return;
        }
        Checks.requireFloat(op, what, p);
        Checks.sameBackend(op, x, p);
        if (p.rank() != 1 || p.size(0) != x.size(-1)) {
            throw new ShapeMismatchException(op + ": " + what + " must have shape [" + x.size(-1) + "] for input "
                    + x.shape() + " but has " + p.shape());
        }
    }
}
