package dev.seedling.models.optim;

import dev.seedling.models.Parameter;
import dev.seedling.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

/** {@link Optimizer#releaseGradients}: gradients are cleared and released, and no optimiser state depends on them. */
class ReleaseGradientsTest {

    @Test
    void releasedGradientsAreClearedAndTheirStorageIsGone() {
        Tensor w = Tensor.ones(3).requiresGrad(true);
        Tensor table = Tensor.ones(4, 2).requiresSparseGrad(true);
        var opt = AdamW.of(Map.of("w", Parameter.decayed(w), "table", Parameter.undecayed(table)), 0f);
        table.embedding(Tensor.ofLongs(new long[] {1, 3}, 2)).sum().add(w.sum()).backward();
        Tensor g = w.grad();
        Tensor rows = table.sparseGrad().values();
        opt.step(0.1);
        opt.releaseGradients();
        assertThat(w.grad()).isNull();
        assertThat(table.sparseGrad()).isNull();
        assertThatThrownBy(g::toFloatArray).isInstanceOf(IllegalStateException.class).hasMessageContaining("released");
        assertThatThrownBy(rows::toFloatArray).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sgdMomentumSurvivesReleasedGradientsAndMatchesTorch() {
        // torch.optim.SGD(momentum=0.9, lr=0.1) on loss = 2·w then 3·w from w = 1: b1 = 2, w = 0.8; b2 = 0.9·2 + 3
        // = 4.8, w = 0.8 - 0.48 = 0.32
        Tensor w = Tensor.ones(2).requiresGrad(true);
        var sgd = new Sgd(Map.of("w", Parameter.undecayed(w)), 0.9f, 0f);
        w.mul(2f).sum().backward();
        sgd.step(0.1);
        sgd.releaseGradients();
        w.mul(3f).sum().backward();
        sgd.step(0.1);
        sgd.releaseGradients();
        assertThat(w.toFloatArray()).containsExactly(new float[] {0.32f, 0.32f}, offset(1e-6f));
    }

    @Test
    void optimiserStateMadeInsideAScopeOutlivesIt() {
        // a loop that runs the whole step, update included, in a scope: the moments and buffers made by the first
        // step are used by the next
        Tensor w = Tensor.ones(2).requiresGrad(true);
        Tensor u = Tensor.ones(2).requiresGrad(true);
        var adam = AdamW.of(Map.of("w", Parameter.undecayed(w)), 0f);
        var sgd = new Sgd(Map.of("u", Parameter.undecayed(u)), 0.9f, 0f);
        for (int step = 0; step < 3; step++) {
            try (var scope = dev.seedling.tensor.TensorScope.open()) {
                w.mul(2f).sum().add(u.mul(3f).sum()).backward();
                adam.step(0.1);
                sgd.step(0.1);
                adam.zeroGrad();
                sgd.zeroGrad();
            }
        }
        assertThat(adam.state().values()).allSatisfy(t -> assertThat(t.toFloatArray()).doesNotContain(Float.NaN));
        // SGD with momentum 0.9 on a constant gradient 3: buffers 3, 5.7, 8.13; u = 1 - 0.1·16.83
        assertThat(u.toFloatArray()).containsExactly(new float[] {1 - 1.683f, 1 - 1.683f}, offset(1e-5f));
    }
}
