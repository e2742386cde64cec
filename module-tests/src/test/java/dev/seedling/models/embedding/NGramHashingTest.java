package dev.seedling.models.embedding;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The n-gram id checks of the Over-Tokenized spec, section (f). */
class NGramHashingTest {

    @Test
    void specExampleIds() {
        // V = 10, m ≥ 1000, x = [3, 1, 4]: 3-gram id at i = 2 is 4 + 10·1 + 100·3 = 314, 2-gram id 14; at i = 0, 3
        NGramHashing h = new NGramHashing(10, 3, 1, 1000, -1);
        long[][] ids = h.ids(new long[]{3, 1, 4}, 0, null);
        assertThat(h.order(0)).isEqualTo(2);
        assertThat(h.order(1)).isEqualTo(3);
        assertThat(ids[1][2]).isEqualTo(314);
        assertThat(ids[0][2]).isEqualTo(14);
        assertThat(ids[0][0]).isEqualTo(3);
        assertThat(h.modulus(1)).isEqualTo(1002);       // m_t = m + 2t
    }

    @Test
    void incrementalMulModAgreesWithBigIntegerAtPaperScale() {
        int vocab = 100_278;
        NGramHashing h = new NGramHashing(vocab, 5, 2, 12_800_000, -1);
        SplittableRandom rng = new SplittableRandom(8);
        long[] tokens = rng.longs(200, 0, vocab).toArray();
        long[][] ids = h.ids(tokens, 0, null);
        for (int t = 0; t < h.tables(); t++) {
            BigInteger m = BigInteger.valueOf(h.modulus(t));
            for (int i = 0; i < tokens.length; i++) {
                BigInteger exact = BigInteger.ZERO;
                for (int j = 0; j < h.order(t) && i - j >= 0; j++) {
                    exact = exact.add(BigInteger.valueOf(tokens[i - j]).multiply(BigInteger.valueOf(vocab).pow(j)));
                }
                assertThat(ids[t][i]).as("table %d position %d", t, i).isEqualTo(exact.mod(m).longValueExact());
            }
        }
    }

    @Test
    void aModulusThatIsAMultipleOfTheVocabularyCollidesStructurally() {
        int vocab = 100;
        NGramHashing h = new NGramHashing(vocab, 2, 1, 64L * vocab, -1);
        var distinct = new HashSet<Long>();
        for (int a = 0; a < vocab; a++) {
            for (int b = 0; b < vocab; b++) {
                long id = h.ids(new long[]{a, b}, 1, null)[0][0];
                distinct.add(id);
                int a2 = (a * 7 + 3) % vocab;
                long other = h.ids(new long[]{a2, b}, 1, null)[0][0];
                assertThat(other == id).as("a=%d a'=%d b=%d", a, a2, b).isEqualTo(Math.floorMod(a - a2, 64) == 0);
            }
        }
        assertThat(distinct).hasSize(64 * vocab);
    }

    @Test
    void nGramsNeverCrossADocumentBoundary() {
        long eos = 9;
        NGramHashing h = new NGramHashing(10, 3, 2, 997, eos);
        long[][] packed = h.ids(new long[]{5, 6, eos, 3, 1, 4}, 0, null);
        long[][] fresh = h.ids(new long[]{3, 1, 4}, 0, null);
        for (int t = 0; t < h.tables(); t++) {
            for (int i = 0; i < 3; i++) {
                assertThat(packed[t][3 + i]).as("table %d, document position %d", t, i).isEqualTo(fresh[t][i]);
            }
        }
        // the EOS itself still ends its own document: its 2-gram reads the token before it
        assertThat(packed[0][2]).isEqualTo(eos + 10 * 6);
        // a caller's document-start mask cuts the same way
        boolean[] starts = {false, false, false, true, false, false};
        long[][] masked = new NGramHashing(10, 3, 2, 997, -1).ids(new long[]{5, 6, 7, 3, 1, 4}, 0, starts);
        assertThat(masked[2][4]).isEqualTo(fresh[2][1]);
    }

    @Test
    void contextTokensGiveTheSameIdsAsTheFullSequence() {
        NGramHashing h = new NGramHashing(10, 3, 2, 991, 9);
        long[] seq = {1, 2, 3, 9, 4, 5, 6};
        long[][] full = h.ids(seq, 0, null);
        long[][] tail = h.ids(java.util.Arrays.copyOfRange(seq, 3, 7), 2, null);   // context: 2 tokens
        for (int t = 0; t < h.tables(); t++) {
            assertThat(tail[t]).containsExactly(java.util.Arrays.copyOfRange(full[t], 5, 7));
        }
    }

    @Test
    void overflowAndBadTokensAreRejected() {
        assertThatThrownBy(() -> new NGramHashing(Integer.MAX_VALUE, 2, 1, Long.MAX_VALUE / 4, -1))
                .hasMessageContaining("overflows");
        assertThatThrownBy(() -> new NGramHashing(10, 2, 1, 100, -1).ids(new long[]{1, 10}, 0, null))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("position 1");
    }
}
