package dev.seedling.models.optim;

import dev.seedling.models.Parameter;
import dev.seedling.tensor.Tensor;
import dev.seedling.tensor.TensorScope;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** {@link GradientClipping#clipGlobalNorm}, as {@code torch.nn.utils.clip_grad_norm_}. */
class GradientClippingTest {

    @Test
    void scalesTheGradientsInPlaceAndLeavesNothingInTheCallersScope() {
        Tensor w = Tensor.ones(2).requiresGrad(true);
        Tensor u = Tensor.ones(1).requiresGrad(true);
        w.mul(Tensor.of(new float[] {3, 0}, 2)).sum().add(u.mul(4f).sum()).backward();   // grads [3, 0] and [4]
        Tensor g = w.grad();
        double norm;
        try (var outer = TensorScope.open()) {
            norm = GradientClipping.clipGlobalNorm(List.of(Parameter.decayed(w), Parameter.decayed(u)), 1.0);
            assertThat(outer.size()).as("temporaries released inside").isZero();
        }
        assertThat(norm).isCloseTo(5.0, offset(1e-6));
        assertThat(w.grad()).as("in place, as clip_grad_norm_").isSameAs(g);
        assertThat(w.grad().toFloatArray()).containsExactly(new float[] {0.6f, 0f}, offset(1e-6f));
        assertThat(u.grad().toFloatArray()).containsExactly(new float[] {0.8f}, offset(1e-6f));
    }

    @Test
    void aNormUnderTheLimitChangesNothing() {
        Tensor w = Tensor.ones(2).requiresGrad(true);
        w.mul(0.1f).sum().backward();
        assertThat(GradientClipping.clipGlobalNorm(List.of(Parameter.decayed(w)), 1.0))
                .isCloseTo(Math.sqrt(0.02), offset(1e-6));
        assertThat(w.grad().toFloatArray()).containsExactly(new float[] {0.1f, 0.1f}, offset(1e-7f));
    }
}
