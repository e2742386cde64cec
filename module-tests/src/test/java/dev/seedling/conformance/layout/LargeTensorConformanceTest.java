package dev.seedling.conformance.layout;

import dev.seedling.conformance.BackendUnderTest;
import dev.seedling.conformance.Layouts;
import dev.seedling.conformance.OnEveryBackend;
import dev.seedling.conformance.Samples;
import dev.seedling.conformance.ScalarReference;
import dev.seedling.conformance.Tolerances;
import dev.seedling.tensor.Functional;
import dev.seedling.tensor.Tensor;

import java.util.Arrays;

import static dev.seedling.conformance.TensorAssertions.assertClose;

/**
 * Tensors large enough that backends split the work (the CPU backend forks past ~32k elements of work per call), so
 * the parallel paths of every kernel family are compared with the scalar references too.
 */
class LargeTensorConformanceTest {

    @OnEveryBackend
    void elementwiseKernelsSplitAcrossThreadsMatchScalarReference(BackendUnderTest backend) {
        try (var s = backend.use()) {
            int[] sa = {300, 257};
            int[] sb = {257};
            float[] a = Samples.uniform(1, Samples.numel(sa), -3, 3);
            float[] b = Samples.uniform(2, 257, 0.5, 2);
            Tensor ta = Tensor.of(a, sa);
            Tensor tb = Tensor.of(b, sb);
            assertClose("div broadcast", ta.div(tb), sa, ScalarReference.binary(a, sa, b, sb, (x, y) -> x / y),
                    Tolerances.ARITHMETIC);
            double[] tanh = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                tanh[i] = Math.tanh(a[i]);
            }
            assertClose("tanh one long row", ta.reshape(-1).tanh(), new int[]{a.length}, tanh, Tolerances.TRANSCENDENTAL);
            Tensor strided = Layouts.strided(ta);
            assertClose("tanh strided", strided.tanh(), sa, tanh, Tolerances.TRANSCENDENTAL);
            assertClose("copy of a transposed view", strided.contiguous(), sa, ScalarReference.widen(a), Tolerances.EXACT);
        }
    }

    @OnEveryBackend
    void reductionsScansAndTopkSplitAcrossThreadsMatchScalarReference(BackendUnderTest backend) {
        try (var s = backend.use()) {
            int[] shape = {64, 1031};
            float[] x = Samples.distinct(3, Samples.numel(shape), -3, 3);
            Tensor t = Tensor.of(x, shape);
            for (int dim = 0; dim < 2; dim++) {
                int out = shape[1 - dim];
                assertClose("sum dim " + dim, t.sum(dim, false), new int[]{out},
                        ScalarReference.reduce(x, shape, dim, r -> Arrays.stream(r).sum()), Tolerances.LONG_REDUCTION);
                assertClose("max dim " + dim, t.max(dim, false), new int[]{out},
                        ScalarReference.reduce(x, shape, dim, r -> Arrays.stream(r).max().orElseThrow()), Tolerances.EXACT);
                assertClose("argmin dim " + dim, t.argmin(dim, false), new int[]{out},
                        ScalarReference.reduce(x, shape, dim, r -> {
                            int best = 0;
                            for (int j = 1; j < r.length; j++) {
                                best = r[j] < r[best] ? j : best;
                            }
                            return best;
                        }), Tolerances.EXACT);
                int d = dim;
                assertClose("cumsum dim " + dim, t.cumsum(dim), shape, ScalarReference.alongDim(x, shape, d, r -> {
                    double[] c = new double[r.length];
                    double acc = 0;
                    for (int j = 0; j < r.length; j++) {
                        c[j] = acc += r[j];
                    }
                    return c;
                }), Tolerances.LONG_REDUCTION);
                assertClose("top-1 dim " + dim, t.topk(1, dim, true).values().squeeze(dim), t.max(dim, false),
                        Tolerances.EXACT);
            }
        }
    }

    @OnEveryBackend
    void matmulAndRowKernelsSplitAcrossThreadsMatchScalarReference(BackendUnderTest backend) {
        try (var s = backend.use()) {
            int[] sa = {3, 67, 128};
            int[] sb = {128, 97};
            float[] a = Samples.uniform(4, Samples.numel(sa), -1, 1);
            float[] b = Samples.uniform(5, Samples.numel(sb), -1, 1);
            double[] want = ScalarReference.matmul(a, sa, b, sb);
            Tensor ta = Tensor.of(a, sa);
            Tensor tb = Tensor.of(b, sb);
            assertClose("matmul", ta.matmul(tb), new int[]{3, 67, 97}, want, Tolerances.LONG_MATMUL);
            assertClose("matmul transposed rhs", ta.matmul(tb.mT().contiguous().mT()), new int[]{3, 67, 97}, want,
                    Tolerances.LONG_MATMUL);
            Tensor rows = Tensor.of(Samples.uniform(6, 512 * 130, -4, 4), 512, 130);
            assertClose("softmax fused vs composite", rows.softmax(-1),
                    Functional.compositeOnly(() -> rows.softmax(-1)), Tolerances.FUSED_VS_COMPOSITE);
            assertClose("layerNorm fused vs composite", Functional.layerNorm(rows, null, null, 1e-5f),
                    Functional.compositeOnly(() -> Functional.layerNorm(rows, null, null, 1e-5f)),
                    Tolerances.FUSED_VS_COMPOSITE);
            assertClose("rmsNorm fused vs composite", Functional.rmsNorm(rows, null, 1e-5f),
                    Functional.compositeOnly(() -> Functional.rmsNorm(rows, null, 1e-5f)), Tolerances.FUSED_VS_COMPOSITE);
        }
    }

    @OnEveryBackend
    void gathersAndScatterAddsSplitAcrossThreadsMatchScalarReference(BackendUnderTest backend) {
        try (var s = backend.use()) {
            int rows = 50;
            int dim = 4099;
            float[] table = Samples.uniform(7, rows * dim, -1, 1);
            long[] ids = new long[20];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = (i * 13L) % rows;
            }
            double[] picked = new double[ids.length * dim];
            double[] added = ScalarReference.widen(table);
            float[] src = Samples.uniform(8, ids.length * dim, -1, 1);
            for (int i = 0; i < ids.length; i++) {
                for (int j = 0; j < dim; j++) {
                    picked[i * dim + j] = table[(int) ids[i] * dim + j];
                    added[(int) ids[i] * dim + j] += src[i * dim + j];
                }
            }
            Tensor tt = Tensor.of(table, rows, dim);
            Tensor idx = Tensor.ofLongs(ids, ids.length);
            assertClose("embedding", tt.embedding(idx), new int[]{ids.length, dim}, picked, Tolerances.EXACT);
            // one outer block: the CPU backend splits index-add over columns
            assertClose("indexAdd rows", tt.indexAdd(0, idx, Tensor.of(src, ids.length, dim)), new int[]{rows, dim},
                    added, Tolerances.REDUCTION);
            // many outer blocks: split over them
            Tensor tr = tt.mT().contiguous();
            assertClose("indexAdd columns", tr.indexAdd(1, idx, Tensor.of(src, ids.length, dim).mT()),
                    new int[]{dim, rows}, ScalarReference.widen(Tensor.of(toFloats(added), rows, dim).mT().contiguous()
                            .toFloatArray()), Tolerances.REDUCTION);
            long[] perPosition = new long[rows * dim];
            for (int i = 0; i < perPosition.length; i++) {
                perPosition[i] = (i * 7L) % rows;
            }
            double[] gathered = new double[perPosition.length];
            for (int i = 0; i < perPosition.length; i++) {
                gathered[i] = table[(int) perPosition[i] * dim + i % dim];
            }
            assertClose("gather dim 0", tt.gather(0, Tensor.ofLongs(perPosition, rows, dim)), new int[]{rows, dim},
                    gathered, Tolerances.EXACT);
        }
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
