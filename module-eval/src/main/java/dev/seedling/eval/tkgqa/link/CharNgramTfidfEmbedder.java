package dev.seedling.eval.tkgqa.link;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Character n-gram TF-IDF vectors, hashed into a fixed number of buckets: the default {@link Embedder}, which needs
 * no model. Text is normalised with {@link NameNormaliser} and padded with a space at each end so that word
 * boundaries count. IDF is learnt from a corpus given at construction ({@code log((1+N)/(1+df)) + 1}); n-grams the
 * corpus never saw get the highest IDF, and an empty corpus gives plain term frequency. Immutable and thread-safe.
 */
public final class CharNgramTfidfEmbedder implements Embedder {
    private final int n;
    private final int dimension;
    private final float[] idf;

    /** Trigrams in 2048 buckets with IDF from {@code corpus}. */
    public CharNgramTfidfEmbedder(Collection<String> corpus) {
        this(corpus, 3, 2048);
    }

    /**
     * N-grams of length {@code n} in {@code dimension} buckets with IDF from {@code corpus}.
     *
     * @throws IllegalArgumentException when {@code n} or {@code dimension} is not positive
     */
    public CharNgramTfidfEmbedder(Collection<String> corpus, int n, int dimension) {
        if (n <= 0 || dimension <= 0) {
            throw new IllegalArgumentException("n and dimension must be positive but are " + n + " and " + dimension);
        }
        this.n = n;
        this.dimension = dimension;
        int[] df = new int[dimension];
        for (String doc : corpus) {
            Set<Integer> seen = new HashSet<>();
            forEachBucket(doc, seen::add);
            seen.forEach(b -> df[b]++);
        }
        idf = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            idf[i] = corpus.isEmpty() ? 1f : (float) (Math.log((1.0 + corpus.size()) / (1.0 + df[i])) + 1.0);
        }
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[] embed(String text) {
        float[] v = new float[dimension];
        forEachBucket(text, b -> v[b] += idf[b]);
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm > 0) {
            float inv = (float) (1.0 / Math.sqrt(norm));
            for (int i = 0; i < v.length; i++) {
                v[i] *= inv;
            }
        }
        return v;
    }

    private void forEachBucket(String text, java.util.function.IntConsumer bucket) {
        String s = " " + NameNormaliser.normalise(text) + " ";
        for (int i = 0; i + n <= s.length(); i++) {
            bucket.accept(Math.floorMod(s.substring(i, i + n).hashCode(), dimension));
        }
    }
}
