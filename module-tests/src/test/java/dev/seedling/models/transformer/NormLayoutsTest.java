package dev.seedling.models.transformer;

import dev.seedling.autograd.GradMode;
import dev.seedling.conformance.Tolerance;
import dev.seedling.models.Parameter;
import dev.seedling.models.attention.AttentionNorms;
import dev.seedling.models.attention.CausalSelfAttention;
import dev.seedling.models.attention.RotaryEmbedding;
import dev.seedling.models.ffn.SwiGluFeedForward;
import dev.seedling.models.nn.Dropout;
import dev.seedling.models.nn.Linear;
import dev.seedling.models.norm.RmsNorm;
import dev.seedling.models.residual.AddConnection;
import dev.seedling.models.residual.BareSite;
import dev.seedling.models.residual.NormedResidualSite;
import dev.seedling.models.residual.PreNormSite;
import dev.seedling.tensor.Functional;
import dev.seedling.tensor.Generator;
import dev.seedling.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.seedling.conformance.TensorAssertions.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

/** Norm layouts × residual schemes in the whole model, and the HybridNorm checks of section 3(g) of the spec. */
class NormLayoutsTest {
    private static final Tolerance WITHIN_1E_5 = new Tolerance(1e-5, 0);

    static final List<String> LAYOUTS = Arrays.stream(NormLayout.values()).map(NormLayout::configName).toList();
    private static final int V = 16;

    static TransformerConfig tiny(String layout, String residual, BlockOptions options) {
        return TransformerConfig.small().toBuilder().vocabSize(V).dModel(16).layers(4).heads(4).kvHeads(2)
                .ffnHidden(24).maxSeqLen(12).normLayout(layout).residual(residual).blockOptions(options).seed(3)
                .build();
    }

    static Stream<Arguments> sensibleCombinations() {
        List<Arguments> out = new ArrayList<>();
        for (String layout : LAYOUTS) {
            out.add(Arguments.of(layout, "plain", BlockOptions.DEFAULT));
            out.add(Arguments.of(layout, "frac", BlockOptions.DEFAULT.toBuilder().rate(4).dynamic(true).build()));
            if (!layout.equals("post") && !layout.equals("mix_ln")) {
                out.add(Arguments.of(layout, "hyper", BlockOptions.DEFAULT.toBuilder().rate(2).dynamic(true).build()));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} × {1}")
    @MethodSource("sensibleCombinations")
    void everySensibleCombinationBuildsFromJsonTrainsAndDecodesWithTheKvCacheAsAFullForward(
            String layout, String residual, BlockOptions options) {
        TransformerConfig c = TransformerConfig.parse(tiny(layout, residual, options).toJson());
        TransformerLM model = new TransformerLM(c);
        long[] ids = {3, 1, 4, 1, 5, 9, 2, 6};
        Tensor loss = model.loss(Tensor.ofLongs(ids, 1, 8), Tensor.ofLongs(new long[]{1, 4, 1, 5, 9, 2, 6, 5}, 1, 8));
        loss.backward();
        assertThat(loss.item()).isFinite();
        for (var e : model.namedParameters().entrySet()) {
            Tensor g = e.getValue().value().grad();
            assertThat(g).as("gradient of %s", e.getKey()).isNotNull();
        }
        model.train(false);
        try (var ng = GradMode.noGrad()) {
            float[] full = model.forward(Tensor.ofLongs(ids, 1, ids.length), null).toFloatArray();
            var cache = model.newCache();
            model.forward(Tensor.ofLongs(Arrays.copyOf(ids, 5), 1, 5), cache);
            for (int t = 5; t < ids.length; t++) {
                float[] step = model.forward(Tensor.ofLongs(new long[]{ids[t]}, 1, 1), cache).toFloatArray();
                for (int v = 0; v < V; v++) {
                    assertThat(step[v]).as("position %d logit %d", t, v).isCloseTo(full[t * V + v], offset(1e-4f));
                }
            }
        }
    }

    @Test
    void nonsensicalCombinationsAreRejectedNamingBothSettings() {
        assertThatThrownBy(() -> tiny("post", "hyper", BlockOptions.DEFAULT))
                .hasMessageContaining("residual 'hyper'").hasMessageContaining("norm_layout 'post'");
        assertThatThrownBy(() -> tiny("mix_ln", "hyper", BlockOptions.DEFAULT))
                .hasMessageContaining("residual 'hyper'").hasMessageContaining("norm_layout 'mix_ln'");
        assertThatThrownBy(() -> tiny("pre", "frac", BlockOptions.DEFAULT.toBuilder().rate(3).build()))
                .hasMessageContaining("d_model 16").hasMessageContaining("frac rate m=3");
        assertThatThrownBy(() -> tiny("pre", "plain", BlockOptions.DEFAULT.toBuilder().dynamic(true).build()))
                .hasMessageContaining("block_options.dynamic").hasMessageContaining("residual 'plain'");
        assertThatThrownBy(() -> tiny("pre", "frac", BlockOptions.DEFAULT.toBuilder().scaleOutputProj(true).build()))
                .hasMessageContaining("scale_output_proj").hasMessageContaining("residual 'frac'");
        assertThatThrownBy(() -> tiny("sdd_post", "plain", BlockOptions.DEFAULT).toBuilder().ffn("gelu").build())
                .hasMessageContaining("norm_layout 'sdd_post'").hasMessageContaining("ffn is 'gelu'");
        assertThatThrownBy(() -> tiny("sideways", "plain", BlockOptions.DEFAULT))
                .hasMessageContaining("norm_layout is 'sideways'");
    }

    @Test
    void blockOptionsGivenInPartKeepTheirDefaultsAndUnknownKeysAreErrors() {
        TransformerConfig c = TransformerConfig.parse("{\"residual\": \"hyper\", \"block_options\": {\"rate\": 4}}");
        assertThat(c.blockOptions()).isEqualTo(BlockOptions.DEFAULT.toBuilder().rate(4).build());
        assertThatThrownBy(() -> TransformerConfig.parse("{\"block_options\": {\"streams\": 4}}"))
                .hasMessageContaining("block_options.streams");
    }

    static Stream<Arguments> connectionsAtInit() {
        return Stream.of(Arguments.of("pre", "hyper", 2, false), Arguments.of("pre", "hyper", 4, true),
                Arguments.of("pre", "frac", 2, false), Arguments.of("pre", "frac", 4, true),
                Arguments.of("hybrid_star", "hyper", 2, true), Arguments.of("sdd_post", "hyper", 4, false),
                Arguments.of("post_normed", "frac", 2, true), Arguments.of("post", "frac", 4, false));
    }

    @ParameterizedTest(name = "{0} × {1} rate {2} dynamic {3}")
    @MethodSource("connectionsAtInit")
    void modelsWithConnectionsAtInitEqualTheirPlainCounterpart(String layout, String residual, int rate,
                                                               boolean dynamic) {
        // eps 0: the final norm absorbs Hyper-Connections' n-fold sum exactly (spec 1(g)2)
        TransformerConfig plain = tiny(layout, "plain", BlockOptions.DEFAULT).toBuilder().normEps(0f).build();
        TransformerConfig with = plain.toBuilder().residual(residual)
                .blockOptions(BlockOptions.DEFAULT.toBuilder().rate(rate).dynamic(dynamic).build()).build();
        Tensor ids = Tensor.ofLongs(new long[]{3, 1, 4, 1, 5, 9, 2, 6, 5, 3}, 2, 5);
        float[] expected = new TransformerLM(plain).forward(ids, null).toFloatArray();
        float[] actual = new TransformerLM(with).forward(ids, null).toFloatArray();
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("logit %d", i).isCloseTo(expected[i], offset(1e-5f));
        }
    }

    @Test
    void hyperConnectionsOutputScalingMultipliesTheOutputProjectionsByRootN() {
        TransformerConfig hc = tiny("pre", "hyper", BlockOptions.DEFAULT.toBuilder().rate(4).build());
        var plain = new TransformerLM(tiny("pre", "plain", BlockOptions.DEFAULT)).namedParameters();
        var scaled = new TransformerLM(hc.toBuilder()
                .blockOptions(hc.blockOptions().toBuilder().scaleOutputProj(true).build()).build()).namedParameters();
        float ratio = std(scaled.get("blocks.1.attn.o_proj.weight")) / std(plain.get("blocks.1.attn.o_proj.weight"));
        assertThat(ratio).isCloseTo(2f, offset(0.01f));
        assertThat(scaled.get("blocks.1.attn.q_proj.weight").value().toFloatArray())
                .containsExactly(plain.get("blocks.1.attn.q_proj.weight").value().toFloatArray());
    }

    @Test
    void initSchemesSetTheOutputProjectionStandardDeviations() {
        TransformerConfig base = TransformerConfig.small().toBuilder().dModel(256).layers(8).heads(4).kvHeads(4)
                .build();
        double sigma = 1 / Math.sqrt(2.5 * 256);
        Map<String, Parameter> megatron = new TransformerLM(base).namedParameters();
        assertThat((double) std(megatron.get("blocks.3.attn.q_proj.weight"))).isCloseTo(sigma, offset(0.05 * sigma));
        assertThat((double) std(megatron.get("blocks.3.attn.o_proj.weight")))
                .isCloseTo(sigma / 4, offset(0.05 * sigma / 4));
        assertThat((double) std(megatron.get("blocks.3.ffn.down_proj.weight")))
                .isCloseTo(sigma / 4, offset(0.05 * sigma / 4));
        for (float w : megatron.get("blocks.3.attn.q_proj.weight").value().toFloatArray()) {
            assertThat((double) Math.abs(w)).isLessThanOrEqualTo(3 * sigma + 1e-7);
        }
        Map<String, Parameter> flat = new TransformerLM(base.toBuilder().init("small_flat").build()).namedParameters();
        assertThat((double) std(flat.get("blocks.3.attn.o_proj.weight"))).isCloseTo(sigma, offset(0.05 * sigma));
        Map<String, Parameter> depth = new TransformerLM(base.toBuilder().init("small_depth").build())
                .namedParameters();
        assertThat((double) std(depth.get("blocks.7.ffn.down_proj.weight")))
                .isCloseTo(sigma / 4, offset(0.05 * sigma / 4));
        assertThat((double) std(depth.get("blocks.1.ffn.down_proj.weight")))
                .isCloseTo(sigma / 2, offset(0.05 * sigma / 2));
    }

    @Test
    void hybridNormChangesTheParameterCountByThreeHeadDimsMinusDPerBlock() {
        TransformerConfig pre = tiny("pre", "plain", BlockOptions.DEFAULT);
        long base = new TransformerLM(pre).parameterCount();
        int l = pre.layers();
        long perBlock = 3L * pre.headDim() - pre.dModel();
        assertThat(new TransformerLM(pre.toBuilder().normLayout("hybrid").build()).parameterCount() - base)
                .isEqualTo(l * perBlock);
        assertThat(new TransformerLM(pre.toBuilder().normLayout("hybrid_star").build()).parameterCount() - base)
                .isEqualTo(l * perBlock + pre.dModel());
    }

    // ---- HybridNorm's attention and blocks (spec 3(g)) --------------------------------------------------------

    private static final int D = 16;
    private static final int HEADS = 4;
    private final Generator gen = new Generator(31);
    private final RotaryEmbedding rope = new RotaryEmbedding(D / HEADS, 16, 10000);

    private Linear lin(int out, int in) {
        return new Linear(Tensor.randn(gen, out, in).mul(0.3f), false);
    }

    private CausalSelfAttention qkvNormAttention(float eps) {
        return new CausalSelfAttention(lin(D, D), lin(8, D), lin(8, D), lin(D, D),
                new AttentionNorms(new RmsNorm(4, eps, true), new RmsNorm(4, eps, true), new RmsNorm(4, eps, true),
                        null), HEADS, 2, 0, rope);
    }

    @Test
    void perHeadNormsGiveEveryHeadRmsOne() {
        Tensor heads = Tensor.randn(gen, 2, HEADS, 5, 4).mul(3f);
        Tensor rms = new RmsNorm(4, 0f, true).forward(heads).square().mean(-1, false).sqrt();
        for (float r : rms.toFloatArray()) {
            assertThat(r).isCloseTo(1f, offset(1e-5f));
        }
    }

    @Test
    void qkvNormAttentionIsInvariantToScalingItsInput() {
        CausalSelfAttention attn = qkvNormAttention(0f);
        Tensor x = Tensor.randn(gen, 2, 5, D);
        float[] y = attn.forward(x, null).toFloatArray();
        float[] scaled = attn.forward(x.mul(13f), null).toFloatArray();
        for (int i = 0; i < y.length; i++) {
            assertThat(scaled[i]).isCloseTo(y[i], offset(1e-5f));
        }
    }

    @Test
    void hybridNormBlockAddsAttentionToTheRawStreamAndTheFfnToTheNormalisedStream() {
        CausalSelfAttention attn = qkvNormAttention(1e-5f);
        SwiGluFeedForward ffn = new SwiGluFeedForward(lin(24, D), lin(24, D), lin(D, 24));
        RmsNorm ffnNorm = new RmsNorm(D, 1e-5f, true);
        var block = new TransformerBlock(new BareSite(new AddConnection()), attn,
                new NormedResidualSite(ffnNorm, new AddConnection()), ffn, new Dropout(0, new Generator(0)));
        Tensor x = Tensor.randn(gen, 1, 5, D);
        Tensor y = x.add(attn.forward(x, null));                        // Y = MHA_QKV(X) + X
        Tensor normed = ffnNorm.forward(y);
        Tensor out = block.forward(x, null);
        assertClose("X' − Norm(Y)", out.sub(normed), ffn.forward(normed), WITHIN_1E_5);            // X' − Norm(Y) == FFN(Norm(Y))
    }

    @Test
    void hybridNormStarBlockZeroIsAPreNormQkvNormBlockAndLaterBlocksArePlainHybridNorm() {
        TransformerConfig c = tiny("hybrid_star", "plain", BlockOptions.DEFAULT);
        TransformerLM star = new TransformerLM(c);
        TransformerLM hybrid = new TransformerLM(c.toBuilder().normLayout("hybrid").build());
        TransformerBlock starBlock0 = block(star, 0);
        Map<String, Parameter> p = starBlock0.namedParameters();
        var attn = new CausalSelfAttention(copy(p, "attn.q_proj"), copy(p, "attn.k_proj"), copy(p, "attn.v_proj"),
                copy(p, "attn.o_proj"), new AttentionNorms(new RmsNorm(4, c.normEps(), true),
                new RmsNorm(4, c.normEps(), true), new RmsNorm(4, c.normEps(), true), null), 4, 2, 0,
                new RotaryEmbedding(4, c.maxSeqLen(), c.ropeTheta()));
        var ffn = new SwiGluFeedForward(copy(p, "ffn.gate_proj"), copy(p, "ffn.up_proj"), copy(p, "ffn.down_proj"));
        var reference = new TransformerBlock(new PreNormSite(new RmsNorm(D, c.normEps(), true)), attn,
                new PreNormSite(new RmsNorm(D, c.normEps(), true)), ffn, new Dropout(0, new Generator(0)));
        Tensor x = Tensor.randn(gen, 1, 5, D);
        assertThat(starBlock0.forward(x, null).toFloatArray())
                .containsExactly(reference.forward(x, null).toFloatArray());
        // same seed, same draws: blocks >= 1 have the same weights in both models and compute the same
        assertThat(block(star, 2).forward(x, null).toFloatArray())
                .containsExactly(block(hybrid, 2).forward(x, null).toFloatArray());
    }

    @Test
    void sddPostBlockWithZeroOutputScalesIsTheTwoNormsOfItsResidualPath() {
        TransformerConfig c = tiny("sdd_post", "plain", BlockOptions.DEFAULT);
        TransformerBlock b = block(new TransformerLM(c), 1);
        Map<String, Parameter> p = b.namedParameters();
        try (var ng = GradMode.noGrad()) {
            p.get("attn.o_proj.alpha").value().copyFrom(Tensor.zeros(D));
            p.get("ffn.down_proj.alpha").value().copyFrom(Tensor.zeros(D));
        }
        Tensor x = Tensor.randn(gen, 1, 5, D);
        Tensor expected = Functional.rmsNorm(Functional.rmsNorm(x, p.get("attn_residual.norm.weight").value(),
                c.normEps()), p.get("ffn_residual.norm.weight").value(), c.normEps());
        assertClose("block output", b.forward(x, null), expected, WITHIN_1E_5);
        float alpha = p.get("attn.q_norm.weight").value().toFloatArray()[0];
        assertThat(alpha).isEqualTo(1f);
        float outAlpha = new TransformerLM(c).namedParameters().get("blocks.0.attn.o_proj.alpha").value()
                .toFloatArray()[0];
        assertThat(outAlpha).isEqualTo((float) (1 / Math.sqrt(2 * c.layers())));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static TransformerBlock block(TransformerLM model, int i) {
        return (TransformerBlock) model.children().get("blocks").children().get(Integer.toString(i));
    }

    private static Linear copy(Map<String, Parameter> p, String prefix) {
        return new Linear(p.get(prefix + ".weight").value().detach().clone(), false);
    }

    private static float std(Parameter p) {
        return p.value().var(-1, 0, false).mean().sqrt().item();
    }
}
