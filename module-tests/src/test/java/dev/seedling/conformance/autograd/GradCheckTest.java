package dev.seedling.conformance.autograd;

import dev.seedling.autograd.GradCheck;
import dev.seedling.conformance.BackendUnderTest;
import dev.seedling.conformance.OnEveryBackend;
import dev.seedling.tensor.Tensor;

import static org.assertj.core.api.Assertions.assertThat;

/** The finite-difference checker itself: it must reject a wrong backward rule, or the suite's checks prove nothing. */
class GradCheckTest {

    @OnEveryBackend
    void gradCheckRejectsAGradientThatIgnoresPartOfTheGraph(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor x = Tensor.of(new float[]{0.5f, -1.5f, 2f}, 3);
            // x · detach(x): the analytic gradient sees only one factor, half the true derivative 2x
            GradCheck.Result wrong = GradCheck.check(in -> in[0].mul(in[0].detach()), x);
            assertThat(wrong.passed()).as(wrong.toString()).isFalse();
            assertThat(wrong.numeric()).isCloseTo(2 * wrong.analytic(), org.assertj.core.data.Offset.offset(1e-2));
            GradCheck.Result right = GradCheck.check(in -> in[0].mul(in[0]), x);
            assertThat(right.passed()).as(right.toString()).isTrue();
        }
    }

    @OnEveryBackend
    void gradCheckPassesIntegerInputsThroughAndLeavesInputsUnchanged(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor table = Tensor.of(new float[]{1, 2, 3, 4}, 2, 2);
            Tensor ids = Tensor.ofLongs(new long[]{1, 1, 0}, 3);
            GradCheck.Result r = GradCheck.check(in -> in[0].embedding(in[1]).square(), table, ids);
            assertThat(r.passed()).as(r.toString()).isTrue();
            assertThat(table.toFloatArray()).containsExactly(1, 2, 3, 4);
            assertThat(table.grad()).isNull();
        }
    }
}
