package dev.seedling.models.optim;

import dev.seedling.models.Parameter;
import dev.seedling.models.nn.Embedding;
import dev.seedling.tensor.Generator;
import dev.seedling.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class LazyAdamTest {
    private static final long[] IDS = {3, 1, 3, 0, 5};

    private static Embedding table(boolean sparse) {
        return new Embedding(Tensor.randn(new Generator(4), 8, 3), sparse);
    }

    /** A loss that weighs rows differently, so repeated ids matter. */
    private static Tensor loss(Embedding e, long[] ids) {
        Tensor out = e.forward(Tensor.ofLongs(ids, ids.length));
        return out.mul(Tensor.arange(1, ids.length * 3 + 1, 1).reshape(ids.length, 3)).square().sum();
    }

    @Test
    void lookupsDepositOnlyTheRowsTheyTouchedAndMatchTheDenseGradient() {
        Embedding sparse = table(true);
        Embedding dense = table(false);
        loss(sparse, IDS).backward();
        loss(dense, IDS).backward();
        assertThat(sparse.weight().grad()).isNull();
        var g = sparse.weight().sparseGrad().coalesce();
        assertThat(g.indices().toLongArray()).containsExactly(0, 1, 3, 5);
        float[] want = dense.weight().grad().toFloatArray();
        float[] got = g.toDense().toFloatArray();
        for (int i = 0; i < want.length; i++) {
            assertThat(got[i]).isCloseTo(want[i], offset(1e-3f));
        }
    }

    @Test
    void whenEveryRowIsTouchedLazyAdamEqualsDenseAdamW() {
        long[] all = {0, 1, 2, 3, 4, 5, 6, 7, 2};
        Embedding sparse = table(true);
        Embedding dense = table(false);
        var a = AdamW.of(Map.of("w", new Parameter(sparse.weight(), true, 1f)), 0.1f);
        var b = AdamW.of(Map.of("w", new Parameter(dense.weight(), true, 1f)), 0.1f);
        for (int step = 0; step < 3; step++) {
            a.zeroGrad();
            b.zeroGrad();
            loss(sparse, all).backward();
            loss(dense, all).backward();
            a.step(1e-2);
            b.step(1e-2);
        }
        float[] x = sparse.weight().toFloatArray();
        float[] y = dense.weight().toFloatArray();
        for (int i = 0; i < x.length; i++) {
            assertThat(x[i]).isCloseTo(y[i], offset(1e-5f));
        }
    }

    @Test
    void rowsNeverLookedUpStayExactlyAsTheyWere() {
        Embedding sparse = table(true);
        float[] before = sparse.weight().toFloatArray();
        var opt = AdamW.of(Map.of("w", new Parameter(sparse.weight(), true, 1f)), 0.1f);
        for (int step = 0; step < 3; step++) {
            opt.zeroGrad();
            loss(sparse, IDS).backward();
            opt.step(1e-2);
        }
        float[] after = sparse.weight().toFloatArray();
        for (int row : new int[]{2, 4, 6, 7}) {
            for (int c = 0; c < 3; c++) {
                assertThat(after[row * 3 + c]).isEqualTo(before[row * 3 + c]);
            }
        }
        assertThat(after[3 * 3]).isNotEqualTo(before[3 * 3]);
    }

    @Test
    void clippingCountsRepeatedRowsAfterSummingThem() {
        Embedding sparse = table(true);
        Embedding dense = table(false);
        loss(sparse, IDS).backward();
        loss(dense, IDS).backward();
        double ns = GradientClipping.clipGlobalNorm(java.util.List.of(new Parameter(sparse.weight(), true, 1f)), 1.0);
        double nd = GradientClipping.clipGlobalNorm(java.util.List.of(new Parameter(dense.weight(), true, 1f)), 1.0);
        assertThat(ns).isCloseTo(nd, offset(1e-3 * nd));
        float[] got = sparse.weight().sparseGrad().toDense().toFloatArray();
        float[] want = dense.weight().grad().toFloatArray();
        for (int i = 0; i < want.length; i++) {
            assertThat(got[i]).isCloseTo(want[i], offset(1e-5f));
        }
    }
}
