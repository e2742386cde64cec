package dev.seedling.models.residual;

import dev.seedling.models.Parameter;
import dev.seedling.models.norm.RmsNorm;
import dev.seedling.tensor.Tensor;

import java.util.function.UnaryOperator;

/**
 * Frac-Connections (Zhu et al., arXiv 2503.14125) at one residual site, static or dynamic, frac rate m: the hidden
 * state {@code h [..., d]} is split into m contiguous fractions {@code H [..., m, d/m]} (row i = h[i·d/m, (i+1)·d/m)),
 * mixed by {@code static_alpha = [Y | A]} {@code [m, 2m]} and {@code static_beta = B} {@code [m]}, and merged back by
 * concatenation. The stream keeps width d, so nothing is expanded or collapsed at the model level.
 *
 * <p>Initialisation (eq. 15): {@code Y = A = I}, {@code B = 1}, dynamic weights 0, scales 0.01, so each sublayer
 * starts as {@code h + T(h)}. The output weight multiplies fraction i of {@code T(h₀)} by {@code B_i} (diag(B), as
 * the official code). The dynamic path normalises each fraction with an RMSNorm of width d/m ({@code norm.weight}).
 */
public final class FracConnections extends Connection {
    private final int m;
    private final int d;
    private final Parameter staticAlpha;
    private final Parameter staticBeta;
    private final RmsNorm norm;
    private final Parameter dynamicAlphaFn;
    private final Parameter dynamicBetaFn;
    private final Parameter dynamicAlphaScale;
    private final Parameter dynamicBetaScale;

    /**
     * @throws IllegalArgumentException when m does not divide d
     */
    public FracConnections(int m, int d, boolean dynamic, float eps) {
        if (m < 1 || d % m != 0) {
            throw new IllegalArgumentException("FracConnections: d_model " + d
                    + " must be divisible by the frac rate m=" + m);
        }
        this.m = m;
        this.d = d;
        float[] alpha = new float[m * 2 * m];
        for (int i = 0; i < m; i++) {
            alpha[i * 2 * m + i] = 1;
            alpha[i * 2 * m + m + i] = 1;
        }
        this.staticAlpha = parameter("static_alpha", Parameter.undecayed(Tensor.of(alpha, m, 2 * m)));
        this.staticBeta = parameter("static_beta", Parameter.undecayed(Tensor.ones(m)));
        if (dynamic) {
            this.norm = child("norm", new RmsNorm(d / m, eps, true));
            this.dynamicAlphaFn = parameter("dynamic_alpha_fn", Parameter.decayed(Tensor.zeros(d / m, 2 * m)));
            this.dynamicBetaFn = parameter("dynamic_beta_fn", Parameter.decayed(Tensor.zeros(d / m)));
            this.dynamicAlphaScale = parameter("dynamic_alpha_scale", Parameter.undecayed(Tensor.full(0.01f, 1)));
            this.dynamicBetaScale = parameter("dynamic_beta_scale", Parameter.undecayed(Tensor.full(0.01f, 1)));
        } else {
            this.norm = null;
            this.dynamicAlphaFn = null;
            this.dynamicBetaFn = null;
            this.dynamicAlphaScale = null;
            this.dynamicBetaScale = null;
        }
    }

    /** {@code h [..., d]} to {@code [..., m, d/m]}: contiguous chunks, row-major. */
    public static Tensor split(Tensor h, int m) {
        int[] dims = h.dims();
        int[] out = new int[dims.length + 1];
        System.arraycopy(dims, 0, out, 0, dims.length - 1);
        out[dims.length - 1] = m;
        out[dims.length] = dims[dims.length - 1] / m;
        return h.reshape(out);
    }

    /** {@code [..., m, d/m]} to {@code [..., d]}: concatenation of the fractions (the inverse of {@link #split}). */
    public static Tensor merge(Tensor fractions) {
        int[] dims = fractions.dims();
        int[] out = new int[dims.length - 1];
        System.arraycopy(dims, 0, out, 0, dims.length - 2);
        out[dims.length - 2] = dims[dims.length - 2] * dims[dims.length - 1];
        return fractions.reshape(out);
    }

    @Override
    public Tensor apply(Tensor h, UnaryOperator<Tensor> sublayer) {
        if (h.size(-1) != d) {
            throw new IllegalArgumentException("FracConnections: stream must be [..., d=" + d + "] but is "
                    + h.shape());
        }
        Tensor fractions = split(h, m);                              // H = Reshape(h, (m, d/m))
        Tensor alpha = staticAlpha.value();                          // [Y | A]  [m, 2m]
        Tensor beta = staticBeta.value().reshape(m, 1);              // B  [m, 1]
        if (norm != null) {
            Tensor normed = norm.forward(fractions);
            // DFC eq. 10-12: s·tanh(H̄W) + static
            alpha = normed.matmul(dynamicAlphaFn.value()).tanh().mul(dynamicAlphaScale.value()).add(alpha);
            beta = normed.matmul(dynamicBetaFn.value().unsqueeze(-1)).tanh().mul(dynamicBetaScale.value()).add(beta);
        }
        Tensor mix = alpha.mT().matmul(fractions);                   // [Yᵀ H ; Aᵀ H]  [..., 2m, d/m]
        Tensor out = sublayer.apply(merge(mix.narrow(-2, 0, m)));    // o = T(Reshape(Yᵀ H, d))
        Tensor next = beta.mul(split(out, m)).add(mix.narrow(-2, m, m)); // eq. 8: diag(B)·Reshape(o) + Aᵀ H
        return merge(next);
    }
}
