package dev.seedling.models.memory;

import dev.seedling.autograd.GradMode;
import dev.seedling.models.Module;
import dev.seedling.tensor.Generator;
import dev.seedling.tensor.Tensor;

import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Central finite differences on module parameters (GradCheck covers op inputs; these are leaves of a module). */
final class MemoryGradients {
    private MemoryGradients() {
    }

    /** For each named parameter, up to 12 elements: analytic ∂(Σ f·R)/∂p against (L(p+h) − L(p−h))/2h, h = 1e-3. */
    static void assertParameterGradients(Module m, Supplier<Tensor> f, String... names) {
        Tensor out = f.get();
        Tensor weights = Tensor.randn(new Generator(11), out.dims());
        m.zeroGrad();
        out.backward(weights);
        for (String name : names) {
            Tensor p = m.namedParameters().get(name).value();
            assertThat(p.grad()).as("dense gradient of %s", name).isNotNull();
            float[] analytic = p.grad().toFloatArray();
            int n = p.numel();
            for (int e = 0; e < Math.min(12, n); e++) {
                int idx = (int) ((long) e * 7919 % n);
                double h = 1e-3;
                double plus = perturbed(p, idx, h, f, weights);
                double minus = perturbed(p, idx, -h, f, weights);
                double numeric = (plus - minus) / (2 * h);
                assertThat(analytic[idx]).as("%s[%d] (numeric %.6g)", name, idx, numeric)
                        .isCloseTo((float) numeric, org.assertj.core.data.Offset.offset(
                                (float) (3e-3 + 3e-2 * Math.abs(numeric))));
            }
        }
        m.zeroGrad();
    }

    private static double perturbed(Tensor p, int idx, double h, Supplier<Tensor> f, Tensor weights) {
        try (var ng = GradMode.noGrad()) {
            float[] v = p.toFloatArray();
            float old = v[idx];
            v[idx] = (float) (old + h);
            p.copyFrom(Tensor.of(v, p.dims()));
            double loss = 0;
            float[] out = f.get().toFloatArray();
            float[] w = weights.toFloatArray();
            for (int i = 0; i < out.length; i++) {
                loss += (double) out[i] * w[i];
            }
            v[idx] = old;
            p.copyFrom(Tensor.of(v, p.dims()));
            return loss;
        }
    }
}
