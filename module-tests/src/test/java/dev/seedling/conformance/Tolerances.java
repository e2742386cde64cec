package dev.seedling.conformance;

/**
 * Every tolerance of the conformance suite, per op family, in one place. References are float64 (PyTorch fixtures
 * computed in double from float32 inputs, or the scalar Java references), so these bound Seedling's own float32
 * error: Vector API transcendentals are within a few ulp, FMA and lane-wise summation reorder rounding.
 */
public final class Tolerances {
    /** Movement ops (views, cat, gather, index-select, masks, one-hot, comparisons): bit-exact copies. */
    public static final Tolerance EXACT = new Tolerance(0, 0);
    /** add/sub/mul/div/neg/abs/clamp/max/min/where: one float32 rounding of the reference. */
    public static final Tolerance ARITHMETIC = new Tolerance(1e-7, 2e-7);
    /** exp/log/sqrt/rsqrt/pow/tanh/sigmoid/gelu/silu/sin/cos: a few ulp of the Vector API or StrictMath. */
    public static final Tolerance TRANSCENDENTAL = new Tolerance(1e-6, 4e-6);
    /** sum/mean/var/cumsum, scatter-add and index-add: float32 accumulation in another order. */
    public static final Tolerance REDUCTION = new Tolerance(2e-6, 1e-5);
    /** Reductions over ~1000 float32 terms of magnitude ~3: rounding of partial sums up to ~100 (|sum| ~ 1e-1..1e2). */
    public static final Tolerance LONG_REDUCTION = new Tolerance(1e-4, 1e-5);
    /** matmul: FMA accumulation over k (k ≤ 17 in the suite). */
    public static final Tolerance MATMUL = new Tolerance(2e-6, 1e-5);
    /** matmul with k = 128: float32 dot products of 128 terms. */
    public static final Tolerance LONG_MATMUL = new Tolerance(1e-5, 1e-4);
    /** softmax, log-softmax, cross-entropy, RMSNorm, LayerNorm: several roundings and a transcendental per row. */
    public static final Tolerance NORMALIZATION = new Tolerance(3e-6, 2e-5);
    /** Input gradients against PyTorch: the backward rules chain several of the above. */
    public static final Tolerance GRADIENT = new Tolerance(1e-5, 5e-5);
    /** A fused kernel against its composite: the same math in another order. */
    public static final Tolerance FUSED_VS_COMPOSITE = new Tolerance(2e-6, 2e-5);

    private Tolerances() {
    }

    /** The forward tolerance of a PyTorch fixture family (the file name without {@code .json}). */
    public static Tolerance forFamily(String family) {
        return switch (family) {
            case "elementwise" -> TRANSCENDENTAL;
            case "reductions" -> REDUCTION;
            case "linalg" -> MATMUL;
            case "nn", "fused" -> NORMALIZATION;
            case "indexing", "joining", "views" -> REDUCTION;   // scatter/index-add and topk values sum or copy
            default -> throw new IllegalArgumentException("no tolerance for fixture family " + family);
        };
    }
}
