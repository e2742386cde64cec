package dev.seedling.data.loader;

import dev.seedling.data.text.TextDataset;
import dev.seedling.data.text.TextDatasetConfig;
import dev.seedling.data.tokenizer.BpeTokenizer;
import dev.seedling.data.tokenizer.BpeTrainerConfig;
import dev.seedling.data.tokenizer.TokenizerJson;
import dev.seedling.data.tokenizer.Utf8Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The example of the package documentation, on a small corpus. */
class TextToBatchesTest {
    @Test
    void theDocumentedPathFromTextFilesToBatchesWorks(@TempDir Path dir) throws IOException {
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        for (int f = 0; f < 3; f++) {
            Files.writeString(corpus.resolve("part" + f + ".txt"),
                    ("In the beginning was the word " + f + ", and the word was with the text.\n").repeat(60));
        }
        BpeTokenizer tok = TextDataset.trainTokenizer(corpus.toString(), BpeTrainerConfig.of(300),
                Utf8Policy.LENIENT);
        TokenizerJson.write(tok, dir.resolve("tokenizer.json"));
        TextDataset data = TextDataset.open(TextDatasetConfig.of(corpus.toString(), 16), tok);
        assertThat(Files.isDirectory(corpus.resolve(".seedling-cache"))).isTrue();
        try (DataLoader loader = new DataLoader(data.train(), DataLoaderConfig.of(4, 42))) {
            Batch b = loader.next();
            assertThat(b.inputs().dims()).containsExactly(4, 16);
            long[] row = Arrays.copyOf(b.inputs().toLongArray(), 16);
            assertThat(tok.decode(Arrays.stream(row).mapToInt(x -> (int) x).toArray())).contains("the");
            assertThat(loader.state()).isEqualTo(new LoaderState(42, 0, 1));
        }
        assertThat(TextDataset.open(TextDatasetConfig.of(corpus.toString(), 16), tok).cache().status())
                .isEqualTo(dev.seedling.data.text.TokenCache.Status.REUSED);
    }
}
