package dev.seedling.data.text;

import dev.seedling.data.loader.SequenceSource;

import java.util.Arrays;

/**
 * A deterministic split of sequence indices: index {@code i} goes to validation iff a SplitMix64 hash of
 * {@code (seed, i)} falls below {@code validationFraction}. Each index's side depends only on the seed and the index,
 * so appending data never moves existing sequences between sides.
 *
 * @param train indices of the training sequences, ascending
 * @param validation indices of the validation sequences, ascending
 */
public record TrainValidationSplit(int[] train, int[] validation) {
    /** Splits {@code [0, count)}. */
    public static TrainValidationSplit of(int count, double validationFraction, long seed) {
        if (!(validationFraction >= 0 && validationFraction <= 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1], got " + validationFraction);
        }
        int[] tr = new int[count];
        int[] va = new int[count];
        int nt = 0;
        int nv = 0;
        for (int i = 0; i < count; i++) {
            double u = (mix(seed ^ mix(i + 0x632BE59BD9B4E019L)) >>> 11) * 0x1.0p-53;
            if (u < validationFraction) {
                va[nv++] = i;
            } else {
                tr[nt++] = i;
            }
        }
        return new TrainValidationSplit(Arrays.copyOf(tr, nt), Arrays.copyOf(va, nv));
    }

    /** The training side of {@code source}. */
    public SequenceSource train(SequenceSource source) {
        return source.subset(train);
    }

    /** The validation side of {@code source}. */
    public SequenceSource validation(SequenceSource source) {
        return source.subset(validation);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
