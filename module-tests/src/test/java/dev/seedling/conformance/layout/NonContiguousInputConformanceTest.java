package dev.seedling.conformance.layout;

import dev.seedling.conformance.BackendUnderTest;
import dev.seedling.conformance.OnEveryBackend;
import dev.seedling.conformance.Samples;
import dev.seedling.conformance.Tolerances;
import dev.seedling.tensor.Functional;
import dev.seedling.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import static dev.seedling.conformance.TensorAssertions.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every op family given transposed, narrowed (non-zero offset, gaps between rows), expanded (stride 0) and offset
 * (contiguous rows in the middle of a storage) views gives what it gives for a fresh contiguous copy of the same
 * values, forward and backward.
 */
class NonContiguousInputConformanceTest {

    /** One op per family, each taking a [4, 6] input. */
    private static Map<String, UnaryOperator<Tensor>> ops() {
        Map<String, UnaryOperator<Tensor>> m = new LinkedHashMap<>();
        m.put("exp", Tensor::exp);
        m.put("gelu", Tensor::gelu);
        m.put("add row", t -> t.add(Tensor.of(Samples.uniform(1, 6, -1, 1), 6)));
        m.put("mul", t -> t.mul(t.sin()));
        m.put("where", t -> Tensor.where(t.gt(0f), t, t.neg()));
        m.put("sum dim 0", t -> t.sum(0, false));
        m.put("mean dim 1", t -> t.mean(1, true));
        m.put("max dim 1", t -> t.max(1, false));
        m.put("var dim 0", t -> t.var(0, 1, false));
        m.put("cumsum dim 0", t -> t.cumsum(0));
        m.put("matmul", t -> t.matmul(Tensor.of(Samples.uniform(2, 6 * 5, -1, 1), 6, 5)));
        m.put("matmul as rhs", t -> Tensor.of(Samples.uniform(3, 3 * 4, -1, 1), 3, 4).matmul(t));
        m.put("softmax", t -> t.softmax(-1));
        m.put("logSoftmax dim 0", t -> t.logSoftmax(0));
        m.put("rmsNorm", t -> Functional.rmsNorm(t, null, 1e-5f));
        m.put("layerNorm", t -> Functional.layerNorm(t, null, null, 1e-5f));
        m.put("crossEntropy", t -> Functional.crossEntropy(t, Tensor.ofLongs(new long[]{0, 5, 2, 3}, 4)));
        m.put("gather", t -> t.gather(1, Tensor.ofLongs(new long[]{0, 5, 1, 1, 2, 3, 4, 4}, 4, 2)));
        m.put("indexSelect", t -> t.indexSelect(1, Tensor.ofLongs(new long[]{5, 0, 5}, 3)));
        m.put("scatterAdd", t -> t.scatterAdd(0, Tensor.ofLongs(new long[]{3, 0, 0, 1, 2, 3}, 1, 6), t.narrow(0, 1, 1)));
        m.put("topk", t -> t.topk(2, 1, true).values());
        m.put("cat", t -> Tensor.cat(1, t, t));
        m.put("tril", t -> t.tril(0));
        m.put("reshape", t -> t.reshape(3, 8));
        return m;
    }

    /** The same [4, 6] values as views of other layouts, keyed by how they are laid out. */
    private static Map<String, Tensor> layouts(float[] values) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        Tensor base = Tensor.of(values, 4, 6);
        m.put("transposed", base.mT().contiguous().mT());
        Tensor padded = Tensor.zeros(6, 9);
        padded.narrow(0, 1, 4).narrow(1, 2, 6).copyFrom(base);
        m.put("narrowed", padded.narrow(0, 1, 4).narrow(1, 2, 6));
        m.put("expanded", Tensor.of(java.util.Arrays.copyOf(values, 6), 1, 6).expand(4, 6));
        // contiguous, but not at the start of its storage: kernels must honour the offset
        Tensor rows = Tensor.zeros(7, 6);
        rows.narrow(0, 2, 4).copyFrom(base);
        m.put("offset", rows.narrow(0, 2, 4));
        return m;
    }

    @OnEveryBackend
    void everyOpFamilyGivesTheSameResultOnViewsAsOnContiguousCopies(BackendUnderTest backend) {
        try (var s = backend.use()) {
            float[] values = Samples.distinct(4, 24, -2, 2);
            for (var layout : layouts(values).entrySet()) {
                Tensor view = layout.getValue();
                assertThat(view.isContiguous()).as(layout.getKey()).isEqualTo(layout.getKey().equals("offset"));
                for (var op : ops().entrySet()) {
                    String what = op.getKey() + " on " + layout.getKey();
                    Tensor leafView = view.detach().requiresGrad(true);
                    Tensor leafCopy = view.contiguous().detach().requiresGrad(true);
                    Tensor yView = op.getValue().apply(leafView);
                    Tensor yCopy = op.getValue().apply(leafCopy);
                    assertClose(what, yView, yCopy, Tolerances.FUSED_VS_COMPOSITE);
                    Tensor up = Tensor.of(Samples.uniform(5, yCopy.numel(), -1, 1), yCopy.dims());
                    yView.backward(up);
                    yCopy.backward(up);
                    assertClose(what + " gradient", leafView.grad(), leafCopy.grad(), Tolerances.FUSED_VS_COMPOSITE);
                }
            }
        }
    }
}
