package dev.seedling.data.tokenizer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class MergeQueueTest {
    private static final BpeTokenizer SMALL = Fixtures.smallBpe();

    private static int[] byteIds(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            ids[i] = SMALL.byteId(b[i]);
        }
        return ids;
    }

    @Test
    void mergesLikeGpt2sLoopForATrainedMergeList() {
        SplittableRandom rng = new SplittableRandom(8);
        String corpus = Fixtures.text("small-corpus.txt");
        for (int i = 0; i < 2000; i++) {
            String s = rng.nextBoolean() ? Fixtures.randomText(rng, rng.nextInt(40))
                    : corpus.substring(rng.nextInt(corpus.length() - 60)).substring(0, rng.nextInt(60));
            int[] sym = byteIds(s);
            assertThat(MergeQueue.apply(SMALL.mergeTable(), sym.clone())).as(s)
                    .containsExactly(BpeTokenizer.gpt2Merges(SMALL.mergeTable(), sym));
        }
    }

    @Test
    void aVeryLongPieceIsMergedAndRoundTrips() {
        String run = "=".repeat(200_000) + "tokenizers".repeat(20_000);
        int[] ids = SMALL.encode(run);
        assertThat(ids.length).isLessThan(run.length());
        assertThat(SMALL.decode(ids)).isEqualTo(run);
    }

    @Test
    void overlappingPairsMergeLeftFirst() {
        int[] sym = byteIds("    "); // the small corpus learns "Ġ Ġ" early
        int[] merged = MergeQueue.apply(SMALL.mergeTable(), sym.clone());
        assertThat(merged).containsExactly(BpeTokenizer.gpt2Merges(SMALL.mergeTable(), sym));
        assertThat(merged.length).isLessThan(4);
    }
}
