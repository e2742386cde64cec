package dev.seedling.models.train;

import java.util.List;

/**
 * What the trainer reads: an endless, resumable stream of training batches and a fixed list of validation batches.
 * A data loader adapts to it; the position is what a checkpoint saves so a resumed run sees exactly the batches it
 * would have seen.
 */
public interface TrainingData {
    /** The next training batch. */
    Batch next();

    /** An opaque position: after {@link #seek} to it, {@link #next} returns what it would have returned then. */
    long position();

    /** Restores a position from {@link #position}. */
    void seek(long position);

    /** The validation batches (the same every call). */
    List<Batch> validation();
}
