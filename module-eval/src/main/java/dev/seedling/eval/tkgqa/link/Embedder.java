package dev.seedling.eval.tkgqa.link;

/**
 * Maps text to a dense vector whose cosine with another says how alike the texts are. Implementations must be
 * deterministic and safe to call from several threads; a model-backed one may be slow, so callers cache vectors of
 * fixed texts (relation names).
 */
public interface Embedder {
    /** The vector length. */
    int dimension();

    /** The vector of {@code text}; L2-normalised, or all zeros when the text has no features. */
    float[] embed(String text);

    /**
     * The vectors of {@code texts}, in order; each equals {@link #embed} of its text. Model-backed embedders
     * override it to run texts in batches.
     */
    default float[][] embedAll(java.util.List<String> texts) {
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = embed(texts.get(i));
        }
        return out;
    }

    /** Cosine similarity of two vectors of this embedder (their dot product, as both are normalised). */
    static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of length " + a.length + " and " + b.length + " cannot be compared");
        }
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }
}
