package dev.seedling.tensor;

import java.util.SplittableRandom;

/**
 * A seeded source of random numbers for tensor creation, dropout and initialisation. Two generators with the same seed
 * produce the same sequence on every JVM and backend (samples are drawn on the host). Not thread-safe.
 */
public final class Generator {
    private final long seed;
    private SplittableRandom random;

    public Generator(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** The seed it was created with. */
    public long seed() {
        return seed;
    }

    /** Restarts the sequence from the seed. */
    public void reset() {
        random = new SplittableRandom(seed);
    }

    /** Uniform in {@code [0, 1)}. */
    public float nextFloat() {
        return (random.nextInt() >>> 8) * 0x1.0p-24f;
    }

    /** Uniform integer in {@code [0, bound)}. */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** A 64-bit value (for deriving child generators). */
    public long nextLong() {
        return random.nextLong();
    }

    /** Standard normal (Box-Muller on two uniforms; deterministic). */
    public double nextGaussian() {
        double u1;
        do {
            u1 = random.nextDouble();
        } while (u1 <= 0);
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
