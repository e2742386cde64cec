package dev.seedling.models.residual;

import dev.seedling.models.Parameter;
import dev.seedling.tensor.Functional;
import dev.seedling.tensor.Tensor;

import java.util.function.UnaryOperator;

/**
 * Hyper-Connections (Zhu et al., arXiv 2409.19606) at one residual site, static or dynamic, expansion rate n. The
 * stream holds n copies {@code H [B, T, n, d]} ({@link #expand} at the input, {@link #collapse} before the final
 * norm). The connection matrix {@code [[0, B], [A_m, A_r]]} is stored packed as {@code static_alpha = [A_m | A_r]}
 * {@code [n, n+1]} and {@code static_beta = B} {@code [n]}.
 *
 * <p>Initialisation (eq. 14): {@code B = 1}, {@code A_m = e_(k mod n)} for site k (attention of block b is 2b, its
 * FFN 2b+1), {@code A_r = I}, dynamic weights 0, scales 0.01 — so every stream row equals the Pre-Norm residual
 * stream at step 0. Static matrices and scales are not weight-decayed; the dynamic projections are. The dynamic
 * path normalises each row with a non-parametric LayerNorm (OLMo's choice in the paper).
 */
public final class HyperConnections extends Connection {
    private final int n;
    private final Parameter staticAlpha;
    private final Parameter staticBeta;
    private final Parameter dynamicAlphaFn;
    private final Parameter dynamicBetaFn;
    private final Parameter dynamicAlphaScale;
    private final Parameter dynamicBetaScale;
    private final float eps;

    /**
     * @param n         expansion rate (streams), at least 1
     * @param d         width of one stream
     * @param siteIndex index of the residual site in the model (sets the one-hot {@code A_m})
     * @param dynamic   whether alpha and beta also depend on the token (DHC)
     * @param eps       epsilon of the dynamic path's LayerNorm
     */
    public HyperConnections(int n, int d, int siteIndex, boolean dynamic, float eps) {
        if (n < 1) {
            throw new IllegalArgumentException("HyperConnections: expansion rate n must be >= 1 but is " + n);
        }
        this.n = n;
        this.eps = eps;
        float[] alpha = new float[n * (n + 1)];
        alpha[(siteIndex % n) * (n + 1)] = 1;
        for (int i = 0; i < n; i++) {
            alpha[i * (n + 1) + 1 + i] = 1;
        }
        this.staticAlpha = parameter("static_alpha", Parameter.undecayed(Tensor.of(alpha, n, n + 1)));
        this.staticBeta = parameter("static_beta", Parameter.undecayed(Tensor.ones(n)));
        if (dynamic) {
            this.dynamicAlphaFn = parameter("dynamic_alpha_fn", Parameter.decayed(Tensor.zeros(d, n + 1)));
            this.dynamicBetaFn = parameter("dynamic_beta_fn", Parameter.decayed(Tensor.zeros(d)));
            this.dynamicAlphaScale = parameter("dynamic_alpha_scale", Parameter.undecayed(Tensor.full(0.01f, 1)));
            this.dynamicBetaScale = parameter("dynamic_beta_scale", Parameter.undecayed(Tensor.full(0.01f, 1)));
        } else {
            this.dynamicAlphaFn = null;
            this.dynamicBetaFn = null;
            this.dynamicAlphaScale = null;
            this.dynamicBetaScale = null;
        }
    }

    /** {@code h [B, T, d]} to {@code H [B, T, n, d]}: each row a copy (Alg. 1 line 1, replicate). */
    public static Tensor expand(Tensor h, int n) {
        int[] dims = h.dims();
        int[] out = new int[dims.length + 1];
        System.arraycopy(dims, 0, out, 0, dims.length - 1);
        out[dims.length - 1] = n;
        out[dims.length] = dims[dims.length - 1];
        return h.unsqueeze(-2).expand(out).contiguous();
    }

    /** {@code H [B, T, n, d]} to {@code [B, T, d]}: the sum over streams that feeds the final norm (Alg. 1 line 11). */
    public static Tensor collapse(Tensor stream) {
        return stream.sum(-2, false);
    }

    @Override
    public Tensor apply(Tensor stream, UnaryOperator<Tensor> sublayer) {
        if (stream.rank() < 2 || stream.size(-2) != n) {
            throw new IllegalArgumentException("HyperConnections: stream must be [..., n=" + n + ", d] but is "
                    + stream.shape());
        }
        Tensor alpha = staticAlpha.value();                          // [n, n+1]
        Tensor beta = staticBeta.value().reshape(n, 1);              // [n, 1]
        if (dynamicAlphaFn != null) {
            Tensor normed = Functional.layerNorm(stream, null, null, eps);
            // DHC eq. 11-13: s·tanh(H̄W) + static
            alpha = normed.matmul(dynamicAlphaFn.value()).tanh().mul(dynamicAlphaScale.value()).add(alpha);
            beta = normed.matmul(dynamicBetaFn.value().unsqueeze(-1)).tanh().mul(dynamicBetaScale.value()).add(beta);
        }
        Tensor mix = alpha.mT().matmul(stream);                      // width connection: [A_m | A_r]ᵀ H
        Tensor layerInput = mix.select(-2, 0);                       // h₀ = A_mᵀ H
        Tensor residual = mix.narrow(-2, 1, n);                      // H' = A_rᵀ H
        Tensor out = sublayer.apply(layerInput);
        return beta.mul(out.unsqueeze(-2)).add(residual);            // depth connection: Ĥ = Bᵀ o + H'
    }
}
