package dev.seedling.data.loader;

/**
 * A fixed-size, indexable collection of equal-length token sequences: what a {@link DataLoader} batches. A
 * sequence of length {@code L} yields inputs {@code seq[0, L-1)} and targets {@code seq[1, L)}.
 *
 * <p>Implementations must be safe for concurrent {@link #read} calls (the prefetch thread reads while the owner may
 * read too) and must return the same tokens for the same index every time.
 */
public interface SequenceSource {
    /** Number of sequences. */
    int size();

    /** Tokens per sequence, at least 2. */
    int sequenceLength();

    /**
     * Copies sequence {@code index} into {@code dst[offset, offset + sequenceLength())}.
     *
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size())}
     */
    void read(int index, long[] dst, int offset);

    /** The sequences at {@code indices}, in that order (a view; {@code indices} is copied). */
    default SequenceSource subset(int[] indices) {
        SequenceSource base = this;
        int[] idx = indices.clone();
        for (int i : idx) {
            if (i < 0 || i >= base.size()) {
                throw new IndexOutOfBoundsException("subset index " + i + " outside [0, " + base.size() + ")");
            }
        }
        return new SequenceSource() {
            @Override
            public int size() {
                return idx.length;
            }

            @Override
            public int sequenceLength() {
                return base.sequenceLength();
            }

            @Override
            public void read(int index, long[] dst, int offset) {
                base.read(idx[index], dst, offset);
            }
        };
    }
}
