package dev.seedling.data.text;

import dev.seedling.data.loader.SequenceSource;

/**
 * A token stream (documents already separated by EOS) cut into fixed-length training sequences: sequence {@code i}
 * is tokens {@code [i*L, i*L + L + 1)} for context length {@code L}, so consecutive sequences overlap by the one
 * token that is the last target of one and the first input of the next. Documents are packed across sequence
 * boundaries; the trailing tokens that do not fill a sequence are dropped.
 *
 * @param tokens the token stream
 * @param contextLength {@code L}, the length of the inputs (and targets); {@link #sequenceLength()} is {@code L + 1}
 */
public record PackedSequences(TokenFile tokens, int contextLength) implements SequenceSource {
    /** Checks the length. */
    public PackedSequences {
        if (contextLength < 1) {
            throw new IllegalArgumentException("context length must be positive, got " + contextLength);
        }
    }

    @Override
    public int size() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, (tokens.count() - 1) / contextLength));
    }

    @Override
    public int sequenceLength() {
        return contextLength + 1;
    }

    @Override
    public void read(int index, long[] dst, int offset) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("sequence " + index + " outside [0, " + size() + ")");
        }
        tokens.read((long) index * contextLength, dst, offset, contextLength + 1);
    }
}
