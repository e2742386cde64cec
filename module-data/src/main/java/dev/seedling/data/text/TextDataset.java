package dev.seedling.data.text;

import dev.seedling.data.loader.SequenceSource;
import dev.seedling.data.progress.Progress;
import dev.seedling.data.tokenizer.BpeTokenizer;
import dev.seedling.data.tokenizer.BpeTrainer;
import dev.seedling.data.tokenizer.BpeTrainerConfig;
import dev.seedling.data.tokenizer.Tokenizer;
import dev.seedling.data.tokenizer.Utf8Policy;

import java.nio.file.Path;
import java.util.List;

/**
 * A tokenised text corpus ready for a {@link dev.seedling.data.loader.DataLoader}: the token cache of the sources,
 * packed into sequences of {@code contextLength + 1} tokens, split into train and validation.
 *
 * @param cache the opened token cache (its status says whether this run tokenised anything)
 * @param sequences all packed sequences
 * @param split the deterministic split of their indices
 */
public record TextDataset(TokenCache.Opened cache, PackedSequences sequences, TrainValidationSplit split) {
    /**
     * Opens (tokenising on first use) the dataset described by {@code config}.
     *
     * @throws TextSourceException naming the path for a missing or unreadable source or a directory with no text
     * @throws dev.seedling.data.tokenizer.InvalidUtf8Exception under STRICT, naming the file and byte offset
     */
    public static TextDataset open(TextDatasetConfig config, Tokenizer tokenizer) {
        TokenCache.Opened c = TokenCache.open(config.source(), config.cacheDir(), tokenizer, config.boundary(),
                config.utf8Policy());
        PackedSequences seq = new PackedSequences(c.tokens(), config.contextLength());
        return new TextDataset(c, seq, TrainValidationSplit.of(seq.size(), config.validationFraction(),
                config.splitSeed()));
    }

    /**
     * Trains a byte-level BPE tokenizer on the text files of {@code source} (file, directory or glob), streaming
     * them: only the counts of distinct pre-tokens are held in memory. Document boundaries do not matter here, as no
     * pre-token spans one. Gives the same tokenizer as {@link BpeTrainer#train} given each file's text as one element.
     *
     * @throws TextSourceException naming the path for a missing or unreadable source or a directory with no text
     * @throws dev.seedling.data.tokenizer.InvalidUtf8Exception under STRICT, naming the file and byte offset
     */
    public static BpeTokenizer trainTokenizer(String source, BpeTrainerConfig config, Utf8Policy policy) {
        List<Path> files = TextSources.resolve(source);
        BpeTrainer trainer = new BpeTrainer(config);
        long total = files.stream().mapToLong(f -> CacheManifest.SourceFile.of(f).size()).sum();
        CorpusReader reader = new CorpusReader(DocumentBoundary.FILE, policy);
        DocumentSink sink = new DocumentSink() {
            @Override
            public void text(String chunk) {
                trainer.add(chunk);
            }

            @Override
            public void endDocument() {
                // pre-token counts do not see document ends
            }
        };
        try (Progress progress = Progress.start("counting pre-tokens of " + source, total, "B")) {
            for (Path f : files) {
                reader.read(f, sink, progress);
            }
        }
        return trainer.train();
    }

    /** The training sequences. */
    public SequenceSource train() {
        return split.train(sequences);
    }

    /** The validation sequences. */
    public SequenceSource validation() {
        return split.validation(sequences);
    }
}
