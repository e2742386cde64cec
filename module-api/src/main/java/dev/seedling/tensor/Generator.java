package dev.seedling.tensor;

/**
 * A seeded source of random numbers for tensor creation, dropout and initialisation: SplitMix64 (Steele, Lea and
 * Flood 2014), whose whole state is one {@code long}, so a checkpoint can save it ({@link #state()}) and a resumed run
 * continue the same sequence ({@link #setState}). Two generators with the same seed produce the same sequence on every
 * JVM and backend (samples are drawn on the host). Not thread-safe.
 */
public final class Generator {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private final long seed;
    private long state;

    public Generator(long seed) {
        this.seed = seed;
        this.state = seed;
    }

    /** The seed it was created with. */
    public long seed() {
        return seed;
    }

    /** The current state (save it to continue the sequence later). */
    public long state() {
        return state;
    }

    /** Continues from a state returned by {@link #state()}. */
    public void setState(long state) {
        this.state = state;
    }

    /** Restarts the sequence from the seed. */
    public void reset() {
        state = seed;
    }

    /** A uniformly distributed 64-bit value. */
    public long nextLong() {
        long z = state += GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in {@code [0, 1)} with 24 random bits. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform in {@code [0, 1)} with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform integer in {@code [0, bound)} (rejection sampling, unbiased). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("nextInt: bound must be positive but is " + bound);
        }
        long limit = (1L << 31) - ((1L << 31) % bound);
        long r;
        do {
            r = nextLong() >>> 33;
        } while (r >= limit);
        return (int) (r % bound);
    }

    /** Standard normal (Box-Muller on two uniforms; deterministic). */
    public double nextGaussian() {
        double u1;
        do {
            u1 = nextDouble();
        } while (u1 <= 0);
        double u2 = nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
