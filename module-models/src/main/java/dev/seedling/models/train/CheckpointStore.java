package dev.seedling.models.train;

import java.util.Optional;

/**
 * Where a run's checkpoints go. A store is bound to one model and optimiser: {@link #save} captures their tensors
 * with the given progress, {@link #restoreLatest} writes the newest complete checkpoint back into them. Saving must be
 * atomic: a crash mid-save leaves the previous checkpoint loadable.
 */
public interface CheckpointStore {
    /** Saves parameters, optimiser state and {@code progress}; keeps only the most recent checkpoints. */
    void save(TrainingProgress progress);

    /** Loads the newest checkpoint into the model and optimiser and returns its progress, or empty if there is none. */
    Optional<TrainingProgress> restoreLatest();

    /**
     * Removes every checkpoint, so that a fresh run does not mix its checkpoints with an earlier run's (a later
     * resume would pick up whichever is newer). Returns how many were removed.
     */
    int clear();

    /** A human-readable location of the newest checkpoint, for messages ("none" if there is none). */
    String latestDescription();
}
