package dev.seedling.data.synthetic;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class CfgGrammarTest {
    private static final CfgConfig SMALL = new CfgConfig(3, new int[] {1, 3, 3, 3}, 2, 3, 2, 3);

    @Test
    void theSameSeedGivesTheSameGrammarAndSentences() {
        CfgGrammar a = CfgGrammar.random(SMALL, 5);
        CfgGrammar b = CfgGrammar.random(SMALL, 5);
        assertThat(a.corpus(9, 20)).usingRecursiveComparison().isEqualTo(b.corpus(9, 20));
        assertThat(a.corpus(9, 20)).usingRecursiveComparison().isNotEqualTo(a.corpus(10, 20));
    }

    @Test
    void sentencesAreInTheLanguageAndHaveTheLayeredLength() {
        CfgGrammar g = CfgGrammar.random(SMALL, 1);
        for (int[] s : g.corpus(2, 50)) {
            assertThat(s.length).isBetween(16, 81); // 4 levels of right-hand sides of length 2..3
            assertThat(java.util.Arrays.stream(s).allMatch(t -> t >= 0 && t < 3)).isTrue();
            assertThat(g.accepts(s)).isTrue();
        }
    }

    @Test
    void mostRandomStringsAreOutsideTheLanguage() {
        CfgGrammar g = CfgGrammar.random(SMALL, 1);
        SplittableRandom rng = new SplittableRandom(4);
        int rejected = 0;
        for (int i = 0; i < 50; i++) {
            int[] s = g.sample(rng);
            int[] noise = new SplittableRandom(i).ints(s.length, 0, 3).toArray();
            rejected += g.accepts(noise) ? 0 : 1;
        }
        assertThat(rejected).isGreaterThan(40);
    }

    @Test
    void packedCorpusSeparatesSentencesWithTheEosIdAfterTheTerminals() {
        CfgGrammar g = CfgGrammar.random(SMALL, 1);
        var seq = g.packed(2, 30, 100); // sentences of this grammar have at most 81 tokens
        int[] first = g.corpus(2, 1).get(0);
        long[] row = new long[101];
        seq.read(0, row, 0);
        assertThat(row[first.length]).isEqualTo(3);
        for (int i = 0; i < first.length; i++) {
            assertThat(row[i]).isEqualTo(first[i]);
        }
    }

    @Test
    void theCfg3PresetHasSentencesOf64To729Tokens() {
        CfgGrammar g = CfgGrammar.random(CfgConfig.cfg3(), 0);
        List<int[]> c = g.corpus(1, 20);
        assertThat(c).allSatisfy(s -> assertThat(s.length).isBetween(64, 729));
    }
}
