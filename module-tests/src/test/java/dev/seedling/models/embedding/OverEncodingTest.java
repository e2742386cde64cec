package dev.seedling.models.embedding;

import dev.seedling.autograd.GradMode;
import dev.seedling.models.Parameter;
import dev.seedling.models.optim.AdamW;
import dev.seedling.models.transformer.OverEncodingConfig;
import dev.seedling.models.transformer.TransformerConfig;
import dev.seedling.models.transformer.TransformerLM;
import dev.seedling.tensor.Generator;
import dev.seedling.tensor.RowSparseGrad;
import dev.seedling.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** Over-encoding checks of the Over-Tokenized spec, section (f): combination, causality, boundaries, gradients. */
class OverEncodingTest {
    private static final int V = 10;
    private static final int D = 8;

    /** N = 3, k = 2: four tables of 17, 19, 21, 23 rows and width 2. */
    private static OverEncodingEmbedding oe(long seed, boolean zeroTables) {
        NGramHashing h = new NGramHashing(V, 3, 2, 17, 9);
        Generator g = new Generator(seed);
        List<Tensor> tables = new ArrayList<>();
        List<Tensor> proj = new ArrayList<>();
        for (int t = 0; t < h.tables(); t++) {
            Tensor table = Tensor.randn(g, (int) h.modulus(t), 2);
            tables.add(zeroTables ? table.mul(0f) : table);
            proj.add(Tensor.randn(g, D, 2).mul(0.5f));
        }
        return new OverEncodingEmbedding(Tensor.randn(g, V, D), h, tables, proj);
    }

    private static Tensor ids(long... ids) {
        return Tensor.ofLongs(ids, 1, ids.length);
    }

    private static float[] row(Tensor e, int i) {
        return Arrays.copyOfRange(e.toFloatArray(), i * D, (i + 1) * D);
    }

    @Test
    void withZeroTablesTheEmbeddingIsTheTokenEmbeddingOverOnePlusT() {
        OverEncodingEmbedding e = oe(1, true);
        Tensor x = ids(3, 1, 4, 1, 5);
        float[] want = e.tokenTable().embedding(x).div(5f).toFloatArray();
        assertThat(e.forward(x, null).toFloatArray()).containsExactly(want, offset(1e-6f));
        // and the plain slot is exactly the token table's lookup
        TokenEmbedding plain = new TokenEmbedding(e.tokenTable().detach().clone());
        assertThat(plain.forward(x, null).toFloatArray())
                .containsExactly(e.tokenTable().embedding(x).toFloatArray(), offset(0f));
    }

    @Test
    void theConcatUpProjectionFormEqualsTheSumOfProjections() {
        OverEncodingEmbedding e = oe(2, false);
        Tensor x = ids(3, 1, 4, 1, 5, 9, 2);
        long[][] rows = e.ngramIds(x, null, null);
        List<Tensor> parts = new ArrayList<>(List.of(e.tokenTable().embedding(x)));
        List<Tensor> wUp = new ArrayList<>(List.of(Tensor.eye(D)));
        var params = e.namedParameters();
        for (int t = 0; t < rows.length; t++) {
            parts.add(params.get("ngram." + t + ".weight").value().embedding(Tensor.ofLongs(rows[t], 1, 7)));
            wUp.add(params.get("proj." + t + ".weight").value());
        }
        // e = W_up·[E(x); E_1[..]; …; E_T[..]] / (1+T), W_up = [I | W_1 … W_T]
        Tensor concat = Tensor.cat(-1, parts).matmul(Tensor.cat(1, wUp).mT()).div(5f);
        assertThat(e.forward(x, null).toFloatArray()).containsExactly(concat.toFloatArray(), offset(1e-5f));
    }

    @Test
    void positionIDependsOnExactlyTheLastNTokens() {
        OverEncodingEmbedding e = oe(3, false);
        long[] base = {3, 1, 4, 1, 5, 2};
        int i = 4;                                     // N = 3: reads x_2, x_3, x_4
        float[] ref = row(e.forward(ids(base), null), i);
        long[] later = base.clone();
        later[i + 1] = 7;
        assertThat(row(e.forward(ids(later), null), i)).containsExactly(ref, offset(0f));
        long[] tooEarly = base.clone();
        tooEarly[i - 3] = 7;
        assertThat(row(e.forward(ids(tooEarly), null), i)).containsExactly(ref, offset(0f));
        long[] inWindow = base.clone();
        inWindow[i - 2] = 7;
        assertThat(row(e.forward(ids(inWindow), null), i)).isNotEqualTo(ref);
    }

    @Test
    void aDocumentsFirstTokenIsEmbeddedAsAtTheStartOfAFreshSequence() {
        OverEncodingEmbedding e = oe(4, false);
        Tensor packed = e.forward(ids(5, 6, 9, 3, 1), null);       // 9 is the EOS
        Tensor fresh = e.forward(ids(3, 1), null);
        assertThat(row(packed, 3)).containsExactly(row(fresh, 0), offset(1e-6f));
        assertThat(row(packed, 4)).containsExactly(row(fresh, 1), offset(1e-6f));
    }

    @Test
    void onlyReferencedRowsGetGradientAndRepeatsAccumulate() {
        OverEncodingEmbedding e = oe(5, false);
        Tensor x = ids(3, 1, 3, 1, 3, 1);              // the 2-gram (3, 1) repeats
        Tensor r = Tensor.randn(new Generator(6), 1, 6, D);
        e.forward(x, null).mul(r).sum().backward();
        long[][] rows = e.ngramIds(x, null, null);
        for (int t = 0; t < rows.length; t++) {
            Tensor table = e.namedParameters().get("ngram." + t + ".weight").value();
            assertThat(table.grad()).as("no dense gradient of table %d", t).isNull();
            RowSparseGrad g = table.sparseGrad().coalesce();
            assertThat(g.indices().toLongArray())
                    .containsExactly(Arrays.stream(rows[t]).distinct().sorted().toArray());
            // finite differences over the whole table: untouched rows 0, touched rows the summed contributions
            float[] analytic = g.toDense().toFloatArray();
            for (int k = 0; k < table.numel(); k++) {
                double numeric = (loss(e, x, r, table, k, 1e-2f) - loss(e, x, r, table, k, -1e-2f)) / 2e-2;
                assertThat((double) analytic[k]).as("table %d element %d", t, k)
                        .isCloseTo(numeric, offset(2e-3 + 1e-2 * Math.abs(numeric)));
            }
        }
    }

    private static double loss(OverEncodingEmbedding e, Tensor x, Tensor r, Tensor table, int k, float h) {
        try (var ng = GradMode.noGrad()) {
            float[] v = table.toFloatArray();
            float old = v[k];
            v[k] = old + h;
            table.copyFrom(Tensor.of(v, table.dims()));
            double l = e.forward(x, null).mul(r).sum().item();
            v[k] = old;
            table.copyFrom(Tensor.of(v, table.dims()));
            return l;
        }
    }

    @Test
    void lazyAdamMovesOnlyTheRowsOfThisStepsNGrams() {
        OverEncodingEmbedding e = oe(7, false);
        Map<String, Parameter> params = e.namedParameters();
        Tensor table = params.get("ngram.3.weight").value();
        float[] before = table.toFloatArray();
        AdamW opt = AdamW.of(params, 0.1f);
        Tensor x = ids(3, 1, 4, 1, 5);
        e.forward(x, null).square().sum().backward();
        opt.step(1e-2);
        long[] touched = Arrays.stream(e.ngramIds(x, null, null)[3]).distinct().toArray();
        float[] after = table.toFloatArray();
        for (int row = 0; row < table.size(0); row++) {
            final int rr = row;
            boolean used = Arrays.stream(touched).anyMatch(t -> t == rr);
            float[] b = Arrays.copyOfRange(before, row * 2, row * 2 + 2);
            float[] a = Arrays.copyOfRange(after, row * 2, row * 2 + 2);
            if (used) {
                assertThat(a).as("row %d", row).isNotEqualTo(b);
            } else {
                assertThat(a).as("row %d", row).containsExactly(b);
            }
        }
        assertThat(params.get("ngram.3.weight").weightDecay()).isFalse();
    }

    @Test
    void overEncodedModelDecodesWithTheKvCacheAsTheFullForward() {
        TransformerConfig c = dev.seedling.models.TinyModels.tiny("pre", "swiglu").toBuilder()
                .overEncoding(new OverEncodingConfig(3, 2, 101, 0, 7)).build();
        TransformerLM model = new TransformerLM(c);
        model.train(false);
        long[] seq = {3, 1, 4, 7, 5, 9, 2, 6};
        try (var ng = GradMode.noGrad()) {
            float[] full = model.forward(ids(seq), null).toFloatArray();
            var cache = model.newCache();
            model.forward(ids(Arrays.copyOf(seq, 2)), cache);
            for (int t = 2; t < seq.length; t++) {
                float[] step = model.forward(ids(seq[t]), cache).toFloatArray();
                for (int v = 0; v < 16; v++) {
                    assertThat(step[v]).isCloseTo(full[t * 16 + v], offset(1e-5f));
                }
            }
        }
        assertThat(model.namedParameters().get("embed.ngram.3.weight").value().dims()).containsExactly(107, 8);
        assertThat(model.namedParameters().get("embed.proj.0.weight").value().dims()).containsExactly(32, 8);
    }

    @Test
    void overEncodedModelTrains() {
        TransformerConfig c = dev.seedling.models.TinyModels.tiny("pre", "swiglu").toBuilder()
                .overEncoding(new OverEncodingConfig(3, 2, 101, 0, -1)).build();
        float last = dev.seedling.models.TinyModels.trainOnCycles(new TransformerLM(c), 30)[1];
        assertThat(last).isLessThan(0.5f);
    }
}
