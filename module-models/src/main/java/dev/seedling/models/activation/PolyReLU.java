package dev.seedling.models.activation;

import dev.seedling.tensor.Tensor;

/** PolyReLU (PolyCom type I): {@code y = Σ_{i=1..r} a_i·relu(x)^i + a0}; for r = 3, {@code a3·u³ + a2·u² + a1·u + a0}. */
public final class PolyReLU extends PolyActivation {

    public PolyReLU(int order) {
        super(order);
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor u = x.relu();
        Tensor power = u;
        Tensor y = power.mul(coefficient(1));
        for (int i = 2; i <= order(); i++) {
            power = power.mul(u);
            y = y.add(power.mul(coefficient(i)));                   // PolyCom eq. type I: a_i·ρ(x)^i
        }
        return y.add(bias());
    }
}
