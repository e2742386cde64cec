package dev.seedling.data.loader;

/**
 * Settings of a {@link DataLoader}.
 *
 * @param batchSize sequences per batch, positive
 * @param shuffle whether each epoch visits the sequences in a seeded random order (else in index order)
 * @param seed the shuffle seed; epoch {@code e}'s order depends only on {@code (seed, e)}
 * @param dropLast whether a final batch smaller than {@code batchSize} is dropped
 * @param prefetch batches prepared ahead by a background thread; 0 prepares them on the caller's thread
 */
public record DataLoaderConfig(int batchSize, boolean shuffle, long seed, boolean dropLast, int prefetch) {
    /** Validates the fields. */
    public DataLoaderConfig {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        if (prefetch < 0) {
            throw new IllegalArgumentException("prefetch must be non-negative, got " + prefetch);
        }
    }

    /** Shuffled, full batches only, 2 batches prefetched. */
    public static DataLoaderConfig of(int batchSize, long seed) {
        return new DataLoaderConfig(batchSize, true, seed, true, 2);
    }
}
