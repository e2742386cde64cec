package dev.seedling.eval.local;

import dev.seedling.data.tkg.TemporalKg;
import dev.seedling.eval.tkgqa.SpecFixture;
import dev.seedling.eval.tkgqa.link.Candidate;
import dev.seedling.eval.tkgqa.link.Embedder;
import dev.seedling.eval.tkgqa.link.EntityLinker;
import dev.seedling.eval.tkgqa.link.JaroWinkler;
import dev.seedling.eval.tkgqa.link.LinkedProgram;
import dev.seedling.eval.tkgqa.link.LinkingHints;
import dev.seedling.eval.tkgqa.link.ProgramLinker;
import dev.seedling.eval.tkgqa.link.RelationLinker;
import dev.seedling.eval.tkgqa.program.ProgramParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class ModelEmbedderTest {
    private final LocalModel tiny = TinyLocalModels.tiny();
    private final ModelEmbedder embedder = new ModelEmbedder(tiny, 2);

    @Test
    void vectorsHaveTheModelWidthAndUnitLength() {
        assertThat(embedder.dimension()).isEqualTo(32);
        for (String text : List.of("Make_a_visit", "criticize", "Who visited China in Nov 2009?")) {
            float[] v = embedder.embed(text);
            assertThat(v).hasSize(32);
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            assertThat(Math.sqrt(norm)).isCloseTo(1.0, offset(1e-5));
        }
        assertThat(embedder.embed("  __ ")).containsOnly(0f);   // nothing left after normalisation
    }

    @Test
    void isDeterministicAndIndependentOfTheBatch() {
        List<String> texts = List.of("Make_a_visit", "Sign agreement", "criticize", "x", "Make a visit to China");
        float[][] batched = embedder.embedAll(texts);   // batches of 2 with padding of different widths
        float[][] wide = new ModelEmbedder(tiny, 5).embedAll(texts);
        for (int i = 0; i < texts.size(); i++) {
            float[] alone = embedder.embed(texts.get(i));
            assertThat(embedder.embed(texts.get(i))).containsExactly(alone);
            assertThat(batched[i]).usingComparatorWithPrecision(1e-5f).containsExactly(alone);
            assertThat(wide[i]).usingComparatorWithPrecision(1e-5f).containsExactly(alone);
        }
    }

    @Test
    void identicalTextsScoreOneAndDifferentOnesLess() {
        assertThat(Embedder.cosine(embedder.embed("Make_a_visit"), embedder.embed("make a visit")))
                .isCloseTo(1.0, offset(1e-6));
        assertThat(Embedder.cosine(embedder.embed("Make_a_visit"), embedder.embed("Criticize"))).isLessThan(0.9999);
    }

    @Test
    void loadsFromAModelDirectory(@TempDir Path dir) {
        tiny.save(dir);
        ModelEmbedder loaded = ModelEmbedder.load(dir);
        assertThat(loaded.embed("Sign_agreement")).containsExactly(embedder.embed("Sign_agreement"));
        assertThatThrownBy(() -> ModelEmbedder.load(dir.resolve("missing")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("config.json");
    }

    @Test
    void relationLinkingRunsThroughTheModelEmbedder() {
        TemporalKg kg = SpecFixture.multiTq();
        RelationLinker relations = new RelationLinker(kg, embedder, Map.of());
        // China is the object of Make_a_visit and Criticize facts; the skeleton equals Make_a_visit's text
        List<Candidate> ranked = relations.candidates("Make a visit", kg.entityId("China"), true, List.of("China"),
                List.of(), 5);
        assertThat(ranked).extracting(Candidate::name).containsExactlyInAnyOrder("Make_a_visit", "Criticize");
        assertThat(ranked.get(0).name()).isEqualTo("Make_a_visit");
        assertThat(ranked.get(0).score()).isCloseTo(1.0, offset(1e-5));
        assertThat(ranked.get(1).score()).isLessThan(ranked.get(0).score());

        ProgramLinker linker = new ProgramLinker(kg, new EntityLinker(kg, Map.of(), new JaroWinkler(), 0.85),
                relations, 5);
        LinkedProgram linked = linker.link(new ProgramParser().parse(
                "Find<i>china\nRelate<i>make a visit China<i>backward<d>0\nWhat<d>1"), LinkingHints.NONE);
        assertThat(linked.program().step(0).inputs()).containsExactly("China");
        assertThat(linked.program().step(1).inputs().get(0)).isEqualTo("Make_a_visit");
    }
}
