package dev.seedling.eval.ie.data;

import java.util.List;
import java.util.Objects;

/** What {@link ParallelDataBuilder} made of one sentence: an aligned record, or a case for a human. */
public sealed interface ParallelOutcome {
    /** The sentence id. */
    String id();

    /**
     * An aligned record: every target span is a substring of the target sentence.
     *
     * @param record     the record; {@link ParallelRecord#aligned()} holds
     * @param steps      the steps that were needed, in order ({@code translate}, {@code rewrite-spans},
     *                   {@code rewrite-sentence}, each prefixed by the model's name)
     * @param usedStrong whether the stronger model was needed
     */
    record Built(ParallelRecord record, List<String> steps, boolean usedStrong) implements ParallelOutcome {
        public Built {
            record.requireAligned();
            steps = List.copyOf(steps);
        }

        @Override
        public String id() {
            return record.id();
        }
    }

    /**
     * Every model failed; the sentence goes to a human annotator.
     *
     * @param id          the sentence id
     * @param reasons     why each attempt failed, in order
     * @param lastAttempt the last unaligned record, or null when no translation was obtained
     */
    record NeedsHuman(String id, List<String> reasons, ParallelRecord lastAttempt) implements ParallelOutcome {
        public NeedsHuman {
            Objects.requireNonNull(id, "id");
            reasons = List.copyOf(reasons);
        }
    }
}
