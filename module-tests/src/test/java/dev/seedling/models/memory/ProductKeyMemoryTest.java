package dev.seedling.models.memory;

import dev.seedling.autograd.GradCheck;
import dev.seedling.tensor.Generator;
import dev.seedling.tensor.RowSparseGrad;
import dev.seedling.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ProductKeyMemoryTest {

    static MemoryConfig pkm(int keys, int keyDim, int topM, int heads) {
        return MemoryConfig.none().toBuilder().kind("pkm").placement("0:0").keys(keys).keyDim(keyDim).topM(topM)
                .heads(heads).build();
    }

    @Test
    void twoStageTopKEqualsBruteForceOverAllSums() {
        int n = 16;
        int k = 4;
        int tokens = 5;
        Generator gen = new Generator(3);
        Tensor s1 = Tensor.randn(gen, tokens, n);
        Tensor s2 = Tensor.randn(gen, tokens, n);
        ProductKeys.Selection sel = ProductKeys.topK(s1, s2, k);
        float[] a = s1.toFloatArray();
        float[] b = s2.toFloatArray();
        float[] scores = sel.scores().toFloatArray();
        for (int t = 0; t < tokens; t++) {
            Integer[] all = new Integer[n * n];
            for (int s = 0; s < n * n; s++) {
                all[s] = s;
            }
            final int tt = t;
            Arrays.sort(all, (x, y) -> Float.compare(a[tt * n + y / n] + b[tt * n + y % n],
                    a[tt * n + x / n] + b[tt * n + x % n]));
            for (int j = 0; j < k; j++) {
                assertThat(sel.slots()[t * k + j]).as("token %d rank %d", t, j).isEqualTo((long) all[j]);
                assertThat(scores[t * k + j]).isCloseTo(a[t * n + all[j] / n] + b[t * n + all[j] % n],
                        within(1e-6f));
            }
        }
    }

    @Test
    void slotIndexRoundTripsToItsKeyPair() {
        int n = 16;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int slot = i * n + j;
                assertThat(slot / n).isEqualTo(i);
                assertThat(slot % n).isEqualTo(j);
            }
        }
        // one-hot scores pin the selection to a known pair
        float[] a = new float[n];
        float[] b = new float[n];
        a[5] = 10;
        b[11] = 10;
        var sel = ProductKeys.topK(Tensor.of(a, 1, n), Tensor.of(b, 1, n), 1);
        assertThat(sel.slots()[0]).isEqualTo(5L * n + 11);
    }

    @Test
    void onlySelectedValueRowsGetAGradientAndNoDenseOne() {
        ProductKeyMemory m = new ProductKeyMemory(pkm(8, 8, 3, 2), 12, new Generator(1));
        Tensor x = Tensor.randn(new Generator(2), 4, 12);
        m.forward(x).square().sum().backward();
        RowSparseGrad g = m.values().sparseGrad();
        assertThat(m.values().grad()).isNull();
        assertThat(g.indices().numel()).isEqualTo(4 * 2 * 3);
        Set<Long> touched = new HashSet<>();
        for (long r : g.indices().toLongArray()) {
            touched.add(r);
        }
        float[] dense = g.toDense().toFloatArray();
        for (int row = 0; row < 64; row++) {
            boolean nonZero = false;
            for (int c = 0; c < 12; c++) {
                nonZero |= dense[row * 12 + c] != 0;
            }
            assertThat(nonZero).as("row %d", row).isEqualTo(touched.contains((long) row));
        }
    }

    @Test
    void gradientWithRespectToTheInputMatchesFiniteDifferences() {
        ProductKeyMemory m = new ProductKeyMemory(pkm(8, 8, 3, 2), 12, new Generator(1));
        var result = GradCheck.check(new GradCheck.Options(1e-3, 2e-3, 2e-2, 42), in -> m.forward(in[0]),
                Tensor.randn(new Generator(5), 3, 12));
        assertThat(result.passed()).as(result.toString()).isTrue();
        MemoryGradients.assertParameterGradients(m, () -> m.forward(Tensor.randn(new Generator(5), 3, 12)),
                "query_proj.weight", "keys");
    }
}
