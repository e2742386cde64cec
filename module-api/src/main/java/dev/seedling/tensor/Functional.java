package dev.seedling.tensor;

import dev.seedling.autograd.GradMode;
import dev.seedling.backend.FusedKernels;

import java.util.Optional;

/**
 * Neural-network composites defined once above the SPI: softmax, log-softmax, cross-entropy, RMSNorm and LayerNorm.
 * Each is written as primitive ops; where the backend offers a fused kernel ({@link FusedKernels}) the forward uses
 * it and the backward rule below applies, and the conformance suite checks the two paths agree. Norms normalise the
 * last dimension.
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
                y = Tensor.fresh(c.backend().allocate(DType.F32, c.numel()), c.shape());
                f.get().softmax(c.storage(), c.offset(), c.numel() / c.size(-1), c.size(-1), log, y.storage());
            } else {
                Tensor z = x.sub(x.max(-1, true));
                y = log ? z.sub(z.exp().sum(-1, true).log()) : z.exp().div(z.exp().sum(-1, true));
            }
        }
        if (log) {
            // d logsoftmax: g - softmax * sum(g)
            return Autograd.record(op, y, g -> new Tensor[]{g.sub(y.exp().mul(g.sum(-1, true)))}, x);
        }
        // d softmax: y * (g - sum(g * y))
        return Autograd.record(op, y, g -> new Tensor[]{y.mul(g.sub(g.mul(y).sum(-1, true)))}, x);
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
        Tensor y = Tensor.fresh(c.backend().allocate(DType.F32, c.numel()), c.shape());
        f.get().rmsNorm(c.storage(), c.offset(), c.numel() / c.size(-1), c.size(-1),
                w == null ? null : w.storage(), w == null ? 0 : w.offset(), eps, y.storage());
        return Autograd.record("rmsNorm", y, g -> {
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
        Tensor y = Tensor.fresh(c.backend().allocate(DType.F32, c.numel()), c.shape());
        f.get().layerNorm(c.storage(), c.offset(), c.numel() / c.size(-1), c.size(-1),
                w == null ? null : w.storage(), w == null ? 0 : w.offset(),
                b == null ? null : b.storage(), b == null ? 0 : b.offset(), eps, y.storage());
        return Autograd.record("layerNorm", y, g -> {
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
