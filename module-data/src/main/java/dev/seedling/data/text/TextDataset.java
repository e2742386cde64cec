package dev.seedling.data.text;

import dev.seedling.data.loader.SequenceSource;
import dev.seedling.data.tokenizer.Tokenizer;

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

    /** The training sequences. */
    public SequenceSource train() {
        return split.train(sequences);
    }

    /** The validation sequences. */
    public SequenceSource validation() {
        return split.validation(sequences);
    }
}
