package dev.seedling.conformance.indexing;

import dev.seedling.autograd.GradCheck;
import dev.seedling.conformance.BackendUnderTest;
import dev.seedling.conformance.Layouts;
import dev.seedling.conformance.OnEveryBackend;
import dev.seedling.conformance.Samples;
import dev.seedling.conformance.ScalarReference;
import dev.seedling.conformance.Tolerances;
import dev.seedling.tensor.DType;
import dev.seedling.tensor.DTypeMismatchException;
import dev.seedling.tensor.ShapeMismatchException;
import dev.seedling.tensor.Tensor;
import dev.seedling.tensor.TopK;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import static dev.seedling.conformance.TensorAssertions.assertClose;
import static dev.seedling.conformance.TensorAssertions.assertLongs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Embedding, indexSelect, gather, scatterAdd, indexAdd, topk, oneHot and triangular masks against scalar references;
 * every out-of-range index is an {@link IndexOutOfBoundsException}.
 */
class IndexingConformanceTest {

    @OnEveryBackend
    void embeddingAndIndexSelectCopyTheIndexedRows(BackendUnderTest backend) {
        try (var s = backend.use()) {
            float[] table = Samples.uniform(1, 6 * 19, -1, 1);
            Tensor t = Tensor.of(table, 6, 19);
            long[] ids = {5, 0, 5, 2, 3, 1};
            double[] rows = new double[ids.length * 19];
            for (int i = 0; i < ids.length; i++) {
                for (int j = 0; j < 19; j++) {
                    rows[i * 19 + j] = table[(int) ids[i] * 19 + j];
                }
            }
            assertClose("embedding", t.embedding(Tensor.ofLongs(ids, 2, 3)), new int[]{2, 3, 19}, rows, Tolerances.EXACT);
            assertClose("embedding I32", t.embedding(Tensor.ofInts(new int[]{5, 0, 5, 2, 3, 1}, 6)), new int[]{6, 19},
                    rows, Tolerances.EXACT);
            assertClose("indexSelect dim 0 strided", Layouts.strided(t).indexSelect(0, Tensor.ofLongs(ids, 6)),
                    new int[]{6, 19}, rows, Tolerances.EXACT);
            double[] cols = new double[6 * 3];
            for (int r = 0; r < 6; r++) {
                cols[r * 3] = table[r * 19 + 18];
                cols[r * 3 + 1] = table[r * 19];
                cols[r * 3 + 2] = table[r * 19 + 18];
            }
            assertClose("indexSelect dim 1", t.indexSelect(1, Tensor.ofLongs(new long[]{18, 0, 18}, 3)), new int[]{6, 3},
                    cols, Tolerances.EXACT);
            assertThat(t.indexSelect(0, Tensor.ofLongs(new long[0], 0)).dims()).containsExactly(0, 19);
        }
    }

    @OnEveryBackend
    void gatherAndScatterAddAreAdjointsAlongEachDim(BackendUnderTest backend) {
        try (var s = backend.use()) {
            int[] shape = {3, 5, 4};
            float[] x = Samples.uniform(2, 60, -1, 1);
            Tensor tx = Tensor.of(x, shape);
            for (int dim = 0; dim < 3; dim++) {
                int[] idxShape = shape.clone();
                idxShape[dim] = 6;   // more picks than entries: repeats are certain
                int n = shape[dim];
                long[] idx = new long[Samples.numel(idxShape)];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = (i * 7L + dim) % n;
                }
                double[] gathered = new double[idx.length];
                float[] src = Samples.uniform(3 + dim, idx.length, -1, 1);
                double[] scattered = ScalarReference.widen(x);
                for (int i = 0; i < idx.length; i++) {
                    int[] c = ScalarReference.coord(i, idxShape);
                    c[dim] = (int) idx[i];
                    int flat = (c[0] * shape[1] + c[1]) * shape[2] + c[2];
                    gathered[i] = x[flat];
                    scattered[flat] += src[i];
                }
                Tensor ti = Tensor.ofLongs(idx, idxShape);
                assertClose("gather dim " + dim, tx.gather(dim, ti), idxShape, gathered, Tolerances.EXACT);
                assertClose("gather dim " + dim + " strided", Layouts.strided(tx).gather(dim, Layouts.strided(ti)),
                        idxShape, gathered, Tolerances.EXACT);
                assertClose("scatterAdd dim " + dim, tx.scatterAdd(dim, ti, Tensor.of(src, idxShape)), shape, scattered,
                        Tolerances.REDUCTION);
                assertClose("scatterAdd dim " + dim + " strided", Layouts.strided(tx).scatterAdd(dim,
                        Layouts.strided(ti), Layouts.strided(Tensor.of(src, idxShape))), shape, scattered,
                        Tolerances.REDUCTION);
            }
            assertThat(tx.toFloatArray()).as("scatterAdd leaves its input unchanged").containsExactly(x);
        }
    }

    @OnEveryBackend
    void indexAddAccumulatesRepeatedIndicesAlongEachDim(BackendUnderTest backend) {
        try (var s = backend.use()) {
            int[] shape = {4, 3, 18};
            float[] x = Samples.uniform(4, Samples.numel(shape), -1, 1);
            long[] idx = {1, 0, 1, 1, 2};
            for (int dim = 0; dim < 3; dim++) {
                int[] srcShape = shape.clone();
                srcShape[dim] = idx.length;
                float[] src = Samples.uniform(5 + dim, Samples.numel(srcShape), -1, 1);
                double[] want = ScalarReference.widen(x);
                for (int i = 0; i < src.length; i++) {
                    int[] c = ScalarReference.coord(i, srcShape);
                    c[dim] = (int) idx[c[dim]];
                    want[(c[0] * shape[1] + c[1]) * shape[2] + c[2]] += src[i];
                }
                Tensor y = Tensor.of(x, shape).indexAdd(dim, Tensor.ofLongs(idx, 5), Tensor.of(src, srcShape));
                assertClose("indexAdd dim " + dim, y, shape, want, Tolerances.REDUCTION);
            }
        }
    }

    @OnEveryBackend
    void topkReturnsSortedValuesAndTheirIndices(BackendUnderTest backend) {
        try (var s = backend.use()) {
            int[] shape = {3, 23, 5};
            float[] x = Samples.distinct(6, Samples.numel(shape), -5, 5);
            Tensor t = Tensor.of(x, shape);
            for (boolean largest : new boolean[]{true, false}) {
                for (int k : new int[]{0, 1, 4, 23}) {
                    TopK top = t.topk(k, 1, largest);
                    double[] values = new double[3 * k * 5];
                    long[] indices = new long[3 * k * 5];
                    for (int o = 0; o < 3; o++) {
                        for (int i = 0; i < 5; i++) {
                            final int oo = o;
                            final int ii = i;
                            Integer[] order = IntStream.range(0, 23).boxed().toArray(Integer[]::new);
                            Comparator<Integer> byValue = Comparator.comparingDouble(j -> x[(oo * 23 + j) * 5 + ii]);
                            Arrays.sort(order, largest ? byValue.reversed() : byValue);
                            for (int j = 0; j < k; j++) {
                                values[(o * k + j) * 5 + i] = x[(o * 23 + order[j]) * 5 + i];
                                indices[(o * k + j) * 5 + i] = order[j];
                            }
                        }
                    }
                    String what = "topk k=" + k + (largest ? " largest" : " smallest");
                    assertClose(what + " values", top.values(), new int[]{3, k, 5}, values, Tolerances.EXACT);
                    assertLongs(what + " indices", top.indices(), new int[]{3, k, 5}, indices);
                    assertThat(top.indices().dtype()).isEqualTo(DType.I64);
                }
            }
            assertThatThrownBy(() -> t.topk(24, 1, true)).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining("topk");
        }
    }

    @OnEveryBackend
    void oneHotAndTriangularMasksMatchTheirDefinitions(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor oh = Tensor.ofLongs(new long[]{2, 0, 3}, 3).oneHot(4);
            assertThat(oh.dtype()).isEqualTo(DType.F32);
            assertThat(oh.toFloatArray()).containsExactly(0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1);
            assertThatThrownBy(() -> Tensor.ofLongs(new long[]{4}, 1).oneHot(4))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            for (int diag = -2; diag <= 2; diag++) {
                float[] x = Samples.uniform(7, 2 * 3 * 5, -1, 1);
                double[] lower = new double[x.length];
                double[] upper = new double[x.length];
                double[] lowerMask = new double[15];
                double[] upperMask = new double[15];
                for (int i = 0; i < x.length; i++) {
                    int r = (i / 5) % 3;
                    int c = i % 5;
                    lower[i] = c - r <= diag ? x[i] : 0;
                    upper[i] = c - r >= diag ? x[i] : 0;
                    if (i < 15) {
                        lowerMask[i] = c - r <= diag ? 1 : 0;
                        upperMask[i] = c - r >= diag ? 1 : 0;
                    }
                }
                Tensor t = Tensor.of(x, 2, 3, 5);
                assertClose("tril " + diag, t.tril(diag), new int[]{2, 3, 5}, lower, Tolerances.EXACT);
                assertClose("triu " + diag, t.triu(diag), new int[]{2, 3, 5}, upper, Tolerances.EXACT);
                assertClose("trilMask " + diag, Tensor.trilMask(3, 5, diag), new int[]{3, 5}, lowerMask,
                        Tolerances.EXACT);
                assertClose("triuMask " + diag, Tensor.triuMask(3, 5, diag), new int[]{3, 5}, upperMask,
                        Tolerances.EXACT);
            }
        }
    }

    @OnEveryBackend
    void indexingGradientsPassFiniteDifferenceCheck(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor x = Tensor.of(Samples.distinct(8, 24, -2, 2), 4, 6);
            Tensor rows = Tensor.ofLongs(new long[]{3, 1, 3}, 3);
            Tensor idx = Tensor.ofLongs(new long[]{0, 5, 5, 1, 2, 2, 3, 0}, 4, 2);
            Tensor src = Tensor.of(Samples.uniform(9, 8, -1, 1), 4, 2);
            Tensor wide = Tensor.of(Samples.uniform(10, 12, -1, 1), 4, 3);
            check("embedding", GradCheck.check(in -> in[0].embedding(Tensor.ofLongs(new long[]{1, 1, 0}, 3)), x));
            check("indexSelect", GradCheck.check(in -> in[0].indexSelect(0, rows), x));
            check("gather", GradCheck.check(in -> in[0].gather(1, idx), x));
            check("scatterAdd", GradCheck.check(in -> Tensor.zeros(4, 6).add(in[0]).scatterAdd(1, idx, in[1]), x, src));
            check("indexAdd", GradCheck.check(in -> in[0].indexAdd(1, Tensor.ofLongs(new long[]{5, 0, 5}, 3), in[1]),
                    x, wide));
            check("topk", GradCheck.check(in -> in[0].topk(2, 1, true).values(), x));
            check("tril", GradCheck.check(in -> in[0].tril(1), x));
            check("triu", GradCheck.check(in -> in[0].triu(-1), x));
            check("maskedFill", GradCheck.check(in -> in[0].maskedFill(Tensor.trilMask(4, 6, 0), -1e9f), x));
        }
    }

    private static void check(String what, GradCheck.Result r) {
        assertThat(r.passed()).as(what + ": " + r).isTrue();
    }

    @OnEveryBackend
    void outOfRangeIndicesThrowIndexOutOfBoundsNeverGarbage(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor x = Tensor.zeros(4, 3);
            Tensor bad = Tensor.ofLongs(new long[]{0, 4}, 2);
            Tensor negative = Tensor.ofLongs(new long[]{-1, 0}, 2);
            assertThatThrownBy(() -> x.embedding(bad)).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining("4");
            assertThatThrownBy(() -> x.embedding(negative)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> x.indexSelect(0, bad)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> x.indexSelect(1, Tensor.ofLongs(new long[]{3}, 1)))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            Tensor gidx = Tensor.ofLongs(new long[]{0, 1, 2, 3}, 4, 1);
            assertThatThrownBy(() -> x.gather(1, gidx)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> x.scatterAdd(1, gidx, Tensor.ones(4, 1)))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> x.indexAdd(0, bad, Tensor.ones(2, 3))).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> x.indexAdd(0, Tensor.ofInts(new int[]{0, Integer.MIN_VALUE}, 2), Tensor.ones(2, 3)))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(x.toFloatArray()).as("inputs untouched by failed ops").containsOnly(0f);
        }
    }

    @OnEveryBackend
    void indexOpsRejectFloatIndicesAndMisshapenIndexNamingTheOp(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor x = Tensor.zeros(4, 3);
            assertThatThrownBy(() -> x.indexSelect(0, Tensor.zeros(2))).isInstanceOf(DTypeMismatchException.class)
                    .hasMessageContaining("indexSelect").hasMessageContaining("I64").hasMessageContaining("F32");
            assertThatThrownBy(() -> x.gather(0, Tensor.zeros(2, 3))).isInstanceOf(DTypeMismatchException.class)
                    .hasMessageContaining("gather");
            assertThatThrownBy(() -> x.embedding(Tensor.zeros(2))).isInstanceOf(DTypeMismatchException.class);
            assertThatThrownBy(() -> Tensor.ofLongs(new long[]{1}, 1).embedding(Tensor.ofLongs(new long[]{0}, 1)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> x.gather(0, Tensor.ofLongs(new long[]{0, 0}, 1, 2)))
                    .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("gather")
                    .hasMessageContaining("[1, 2]").hasMessageContaining("[4, 3]");
            assertThatThrownBy(() -> x.scatterAdd(0, Tensor.ofLongs(new long[]{0, 0, 0}, 1, 3), Tensor.ones(2, 3)))
                    .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("scatterAdd");
            assertThatThrownBy(() -> x.indexAdd(0, Tensor.ofLongs(new long[]{0}, 1), Tensor.ones(1, 2)))
                    .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("indexAdd")
                    .hasMessageContaining("[4, 3]").hasMessageContaining("[1, 2]");
        }
    }
}
