package dev.seedling.data.loader;

/**
 * The position of a {@link DataLoader}: the next batch it will return. Save it with a checkpoint; a loader built
 * with the same source and config from this state returns exactly the batches the saved one would have.
 *
 * @param seed the shuffle seed (checked against the config on resume)
 * @param epoch the epoch of the next batch, from 0
 * @param batch the index of the next batch within its epoch, from 0
 */
public record LoaderState(long seed, long epoch, int batch) {
    /** Validates the fields. */
    public LoaderState {
        if (epoch < 0 || batch < 0) {
            throw new IllegalArgumentException("epoch and batch must be non-negative, got " + epoch + ", " + batch);
        }
    }

    /** The start of training. */
    public static LoaderState start(long seed) {
        return new LoaderState(seed, 0, 0);
    }
}
