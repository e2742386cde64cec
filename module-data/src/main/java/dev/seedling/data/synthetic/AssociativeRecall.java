package dev.seedling.data.synthetic;

import dev.seedling.data.loader.SequenceSource;

import java.util.SplittableRandom;

/**
 * Associative recall: {@code pairs} key-value pairs, then a query token and one of the keys; the target is that
 * key's value. Layout: keys are ids {@code [0, keys)}, values {@code [keys, keys + values)}, the query token is
 * {@code keys + values}; a sample reads {@code k1 v1 k2 v2 ... kn vn QUERY kq vq}, keys distinct within a sample.
 *
 * @param keys size of the key vocabulary, at least {@code pairs}
 * @param values size of the value vocabulary
 * @param pairs key-value pairs per sample
 */
public record AssociativeRecall(int keys, int values, int pairs) {
    /** Validates the sizes. */
    public AssociativeRecall {
        if (pairs < 1 || keys < pairs || values < 1) {
            throw new IllegalArgumentException("need 1 <= pairs <= keys and values >= 1, got keys=" + keys
                    + " values=" + values + " pairs=" + pairs);
        }
    }

    /**
     * One sample.
     *
     * @param tokens the full sequence, {@code 2 * pairs + 3} ids, ending with the answer
     * @param answerPosition index of the answer in {@code tokens} (the last one)
     */
    public record Example(int[] tokens, int answerPosition) {
        /** The value to recall. */
        public int answer() {
            return tokens[answerPosition];
        }
    }

    /** Vocabulary size: keys, values and the query token. */
    public int vocabSize() {
        return keys + values + 1;
    }

    /** The query token's id. */
    public int queryToken() {
        return keys + values;
    }

    /**
     * {@code count} samples drawn from {@code seed}, one per sequence (inputs are all but the answer; the last target
     * is the answer, the only one a recall metric should score).
     */
    public SequenceSource sequences(long seed, int count) {
        SplittableRandom rng = new SplittableRandom(seed);
        int len = 2 * pairs + 3;
        int[] all = new int[count * len];
        for (int i = 0; i < count; i++) {
            System.arraycopy(sample(rng).tokens(), 0, all, i * len, len);
        }
        return new SequenceSource() {
            @Override
            public int size() {
                return count;
            }

            @Override
            public int sequenceLength() {
                return len;
            }

            @Override
            public void read(int index, long[] dst, int offset) {
                java.util.Objects.checkIndex(index, count);
                for (int k = 0; k < len; k++) {
                    dst[offset + k] = all[index * len + k];
                }
            }
        };
    }

    /** A sample drawn with {@code rng}. */
    public Example sample(SplittableRandom rng) {
        int[] pool = new int[keys];
        for (int i = 0; i < keys; i++) {
            pool[i] = i;
        }
        int[] t = new int[2 * pairs + 3];
        for (int p = 0; p < pairs; p++) { // partial Fisher-Yates: distinct keys
            int j = p + rng.nextInt(keys - p);
            int k = pool[j];
            pool[j] = pool[p];
            pool[p] = k;
            t[2 * p] = k;
            t[2 * p + 1] = keys + rng.nextInt(values);
        }
        int q = rng.nextInt(pairs);
        t[2 * pairs] = queryToken();
        t[2 * pairs + 1] = t[2 * q];
        t[2 * pairs + 2] = t[2 * q + 1];
        return new Example(t, 2 * pairs + 2);
    }
}
