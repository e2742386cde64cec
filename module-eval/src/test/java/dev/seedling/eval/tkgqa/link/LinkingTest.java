package dev.seedling.eval.tkgqa.link;

import dev.seedling.data.tkg.Quad;
import dev.seedling.data.tkg.TemporalKg;
import dev.seedling.data.tkg.TimeValue;
import dev.seedling.eval.tkgqa.SpecFixture;
import dev.seedling.eval.tkgqa.exec.Executor;
import dev.seedling.eval.tkgqa.program.Program;
import dev.seedling.eval.tkgqa.program.ProgramParser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LinkingTest {
    private static final ProgramParser PARSER = new ProgramParser();

    @Test
    void normaliserTreatsUnderscoresAsSpacesAndKeepsOrDropsQualifiers() {
        assertThat(NameNormaliser.normalise("Citizen_(India)")).isEqualTo("citizen india");
        assertThat(NameNormaliser.withoutQualifier("Citizen (India)")).isEqualTo("citizen");
        assertThat(NameNormaliser.normalise("  Angela   Merkel ")).isEqualTo("angela merkel");
    }

    @Test
    void jaroWinklerMatchesTheTextbookValue() {
        // Winkler's example pair: MARTHA / MARHTA has Jaro 0.944 and Jaro-Winkler 0.961
        assertThat(new JaroWinkler().similarity("MARTHA", "MARHTA")).isCloseTo(0.961, org.assertj.core.data.Offset.offset(0.001));
        assertThat(new JaroWinkler().similarity("abc", "xyz")).isZero();
    }

    @Test
    void entityLinkerResolvesSpacesTyposAndQualifiers() {
        TemporalKg kg = TemporalKg.of(List.of(
                new Quad("Barack_Obama", "Make_a_visit", "Citizen_(India)", TimeValue.year(2010)),
                new Quad("Angela_Merkel", "Make_a_visit", "China", TimeValue.year(2010))));
        EntityLinker linker = new EntityLinker(kg);
        assertThat(linker.link("Barack Obama").name()).isEqualTo("Barack_Obama");
        assertThat(linker.link("Angela Merkle").name()).isEqualTo("Angela_Merkel");
        assertThat(linker.link("citizen").name()).isEqualTo("Citizen_(India)");
        assertThat(linker.link("Zanzibar")).isNull();
    }

    @Test
    void tfidfEmbedderScoresSharedTrigramsHigher() {
        CharNgramTfidfEmbedder e = new CharNgramTfidfEmbedder(List.of("Make a visit", "Criticize", "Sign agreement"));
        float[] visit = e.embed("visit");
        assertThat(Embedder.cosine(visit, e.embed("Make_a_visit")))
                .isGreaterThan(Embedder.cosine(visit, e.embed("Criticize")));
        assertThat(Embedder.cosine(visit, visit)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void programLinkerRewritesMentionsToKgNamesAndTheDraftThenAnswers() {
        TemporalKg kg = SpecFixture.multiTq();
        ProgramLinker linker = new ProgramLinker(kg, new EntityLinker(kg),
                RelationLinker.withDefaultEmbedder(kg, Map.of()), 3);
        Program draft = PARSER.parse("Find<i>china\nRelate<i>visited<i>backward<d>0\nFilterByTimePoint<i>2009-11<d>1\nWhat<d>2");
        LinkedProgram linked = linker.link(draft, LinkingHints.NONE);
        assertThat(linked.program().step(0).inputs()).containsExactly("China");
        assertThat(linked.program().step(1).inputs().get(0)).isEqualTo("Make_a_visit");
        assertThat(new Executor(kg).execute(linked.program()).texts()).containsExactly("Barack_Obama");
    }

    @Test
    void relationCandidatesAreLimitedToTheEntitysSideAndGiveAlternatives() {
        TemporalKg kg = SpecFixture.multiTq();
        ProgramLinker linker = new ProgramLinker(kg, new EntityLinker(kg),
                RelationLinker.withDefaultEmbedder(kg, Map.of()), 5);
        // Japan is the object of visits, criticisms and agreements; forward it only criticizes
        LinkedProgram forward = linker.link(PARSER.parse("Find<i>Japan\nRelate<i>criticise<d>0"), LinkingHints.NONE);
        assertThat(forward.decisions().get(1).candidates()).extracting(Candidate::name).containsExactly("Criticize");
        LinkedProgram backward = linker.link(PARSER.parse("Find<i>Japan\nRelate<i>criticise<i>backward<d>0"),
                LinkingHints.NONE);
        assertThat(backward.decisions().get(1).candidates()).extracting(Candidate::name)
                .containsExactlyInAnyOrder("Criticize", "Make_a_visit", "Sign_agreement").first().isEqualTo("Criticize");
        assertThat(backward.alternatives()).hasSize(2);
    }

    @Test
    void goldRelationsRestrictTheCandidates() {
        TemporalKg kg = SpecFixture.multiTq();
        RelationLinker r = RelationLinker.withDefaultEmbedder(kg, Map.of());
        assertThat(r.candidates("criticise", -1, false, List.of(), List.of("Sign_agreement"), 5))
                .extracting(Candidate::name).containsExactly("Sign_agreement");
    }

    @Test
    void skeletonDropsEntityMentionsFromTheRelationPhrase() {
        assertThat(RelationLinker.skeleton("visit China", List.of("China"))).isEqualTo("visit");
        assertThat(RelationLinker.skeleton("China", List.of("China"))).isEqualTo("china");
    }

    @Test
    void spokenTimeMentionsBecomeIso() {
        assertThat(TimeMentions.normalise("Nov 2009")).isEqualTo("2009-11");
        assertThat(TimeMentions.normalise("15 November 2009")).isEqualTo("2009-11-15");
        assertThat(TimeMentions.normalise("November 5th, 2009")).isEqualTo("2009-11-05");
        assertThat(TimeMentions.normalise("2009/11/15")).isEqualTo("2009-11-15");
        assertThat(TimeMentions.normalise("in 2009")).isEqualTo("2009");
        assertThat(TimeMentions.normalise("2009-11")).isEqualTo("2009-11");
        assertThat(TimeMentions.normalise("Smarch 2009")).isEqualTo("Smarch 2009");
        assertThat(TimeMentions.normalise("30 February 2009")).isEqualTo("30 February 2009");
    }

    @Test
    void programLinkerRewritesTimeMentionsSoTheProgramValidates() {
        TemporalKg kg = SpecFixture.multiTq();
        ProgramLinker linker = new ProgramLinker(kg, new EntityLinker(kg),
                RelationLinker.withDefaultEmbedder(kg, Map.of()), 1);
        Program draft = PARSER.parse("Find<i>China\nRelate<i>Make_a_visit<i>backward<d>0\n"
                + "FilterByTimePoint<i>November 2009<d>1\nWhat<d>2");
        assertThat(new Executor(kg).execute(linker.link(draft, LinkingHints.NONE).program()).texts())
                .containsExactly("Barack_Obama");
    }

    @Test
    void entityLinkerMatchesWikidataIdsByTheirLabels() {
        TemporalKg kg = TemporalKg.of(List.of(new Quad("Q9545", "P39", "Q14211", TimeValue.parse("1997/2007"))));
        EntityLinker linker = new EntityLinker(kg, Map.of("Q9545", "Tony Blair", "Q14211", "Prime Minister of the UK"),
                new JaroWinkler(), 0.85);
        assertThat(linker.link("tony blair").name()).isEqualTo("Q9545");
        assertThat(linker.link("Q14211").name()).isEqualTo("Q14211");
    }
}
