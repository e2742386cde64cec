package dev.seedling.models.activation;

import dev.seedling.tensor.Tensor;

/**
 * PolyNorm (PolyCom type II): {@code y = Σ_{i=1..r} a_i·N(x^i) + a0} with {@code N(z) = z·rsqrt(mean_last(z²) + ε)},
 * ε = 1e-6: an RMS norm without gain or centring over the last dimension (the FFN's hidden features of one token).
 * The powers are elementwise. A row of zeros gives {@code a0} (the ε keeps the rsqrt finite). Invariant to a positive
 * scale of the input row up to ε.
 */
public final class PolyNorm extends PolyActivation {
    /** The official code's ε. */
    public static final float EPS = 1e-6f;

    public PolyNorm(int order) {
        super(order);
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor power = x;
        Tensor y = norm(power).mul(coefficient(1));
        for (int i = 2; i <= order(); i++) {
            power = power.mul(x);
            y = y.add(norm(power).mul(coefficient(i)));             // PolyCom eq. type II: a_i·N(x^i)
        }
        return y.add(bias());
    }

    /** {@code N(z) = z · rsqrt(mean(z², last) + ε)}. */
    static Tensor norm(Tensor z) {
        return z.mul(z.square().mean(-1, true).add(EPS).rsqrt());
    }
}
