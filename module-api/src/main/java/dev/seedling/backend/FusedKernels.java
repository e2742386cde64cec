package dev.seedling.backend;

/**
 * Optional single-pass kernels for composites. Inputs are contiguous F32 blocks (index inputs I32 or I64); outputs are
 * contiguous and written from offset 0 unless an offset is given. A backend that offers them must match the composite
 * the API defines (see {@code Functional}) within float rounding; the conformance suite checks that.
 *
 * <p>The first three are required of an implementation. The others are optional: each returns {@code true} when it
 * did the work and {@code false} (the default) when the backend does not offer it, in which case the API runs its
 * composite. A kernel that returns {@code true} has written every element of every output it names: callers allocate
 * outputs with {@link Backend#allocateUninitialised}, so an output holds garbage until the kernel writes it.
 */
public interface FusedKernels {
    /** Row-wise softmax, or log-softmax when {@code log}. */
    void softmax(Storage src, int offset, int rows, int cols, boolean log, Storage dst);

    /** {@code dst = x / sqrt(mean(x²) + eps) * weight} per row; {@code weight} may be null (no affine). */
    void rmsNorm(Storage x, int offset, int rows, int cols, Storage weight, int weightOffset, float eps, Storage dst);

    /** {@code dst = (x - mean) / sqrt(var + eps) * weight + bias} per row (biased variance); affine parts may be null. */
    void layerNorm(Storage x, int offset, int rows, int cols, Storage weight, int weightOffset, Storage bias,
                   int biasOffset, float eps, Storage dst);

    /**
     * The backward of {@link #softmax} from its output {@code y} and the incoming gradient {@code g}, both
     * {@code [rows, cols]} from offset 0: {@code dx = y·(g - Σg·y)}, or for log-softmax {@code dx = g - exp(y)·Σg}.
     */
    default boolean softmaxBackward(Storage y, Storage g, int rows, int cols, boolean log, Storage dx) {
        return false;
    }

    /**
     * The backward of {@link #rmsNorm} for {@code x} (from {@code offset}) and {@code g} (from 0): with
     * {@code r = 1/sqrt(mean(x²)+eps)} and {@code gw = g·weight}, {@code dx = r·gw - x·r³·mean(gw·x)} and, when
     * {@code weight} is given, {@code dWeight = Σ_rows g·x·r} (overwritten).
     */
    default boolean rmsNormBackward(Storage x, int offset, int rows, int cols, Storage weight, int weightOffset,
                                    float eps, Storage g, Storage dx, Storage dWeight) {
        return false;
    }

    /**
     * The backward of {@link #layerNorm}: with {@code x̂ = (x-mean)·r} and {@code gx = g·weight},
     * {@code dx = r·(gx - mean(gx) - x̂·mean(gx·x̂))}; {@code dWeight = Σ_rows g·x̂} and {@code dBias = Σ_rows g}
     * when those are non-null (overwritten).
     */
    default boolean layerNormBackward(Storage x, int offset, int rows, int cols, Storage weight, int weightOffset,
                                      float eps, Storage g, Storage dx, Storage dWeight, Storage dBias) {
        return false;
    }

    /**
     * Cross-entropy per row of {@code logits [rows, classes]} (from {@code offset}) against {@code target [rows]}
     * (I32/I64, from {@code targetOffset}): {@code loss[r] = lse - (1-ε)·x[t] - (ε/C)·Σx} with
     * {@code lse = log Σ exp(x)}, or 0 where {@code target == ignoreIndex}. Writes {@code loss [rows]} and
     * {@code lse [rows]} (kept for the backward).
     *
     * @throws IndexOutOfBoundsException naming the row when a target other than {@code ignoreIndex} is outside
     *                                   {@code [0, classes)}
     */
    default boolean crossEntropy(Storage logits, int offset, int rows, int classes, Storage target, int targetOffset,
                                 long ignoreIndex, float labelSmoothing, Storage loss, Storage lse) {
        return false;
    }

    /**
     * The backward of {@link #crossEntropy}: {@code dx[r] = gLoss[r]·(softmax(x[r]) - q[r])} with
     * {@code q = (1-ε)·onehot(t) + ε/C}, and {@code dx[r] = 0} for ignored rows. {@code gLoss} and {@code lse} are
     * {@code [rows]} from offset 0.
     */
    default boolean crossEntropyBackward(Storage logits, int offset, int rows, int classes, Storage target,
                                         int targetOffset, long ignoreIndex, float labelSmoothing, Storage lse,
                                         Storage gLoss, Storage dx) {
        return false;
    }

    /** SwiGLU's gate: {@code dst = silu(gate)·up = gate·σ(gate)·up} over {@code n} elements (both from offset 0). */
    default boolean swiglu(Storage gate, Storage up, int n, Storage dst) {
        return false;
    }

    /**
     * The backward of {@link #swiglu}: {@code dGate = g·up·σ(gate)·(1 + gate·(1-σ(gate)))},
     * {@code dUp = g·silu(gate)}.
     */
    default boolean swigluBackward(Storage gate, Storage up, Storage g, int n, Storage dGate, Storage dUp) {
        return false;
    }

    /**
     * Rotary embedding in the rotate-half layout over {@code outer·positions} rows of {@code dim} (from {@code offset})
     * whose position advances every {@code groups} rows: row {@code r} (in memory order) is at position
     * {@code (r / groups) % positions}, and {@code y = x·cos[p] + (-x2, x1)·sin[p]} with tables {@code [*, dim]} read
     * from row {@code tableRow + p}. With {@code inverse} the rotation is by {@code -θ} (which is the backward).
     * {@code groups = 1} is {@code x [outer, positions, dim]}; {@code groups > 1} is heads split from a projection
     * without a copy ({@code [batch, positions, groups, dim]}), asked for only where {@link #interleavedHeads()}.
     */
    default boolean rope(Storage x, int offset, int outer, int positions, int groups, int dim, Storage cos,
                         Storage sin, int tableRow, boolean inverse, Storage dst) {
        return false;
    }

    /**
     * Whether {@link #rope}, {@link #attention} and {@link #attentionBackward} accept {@code groups > 1} (heads
     * interleaved row by row); callers pass {@code groups = 1} (packed heads) otherwise.
     */
    default boolean interleavedHeads() {
        return false;
    }

    /**
     * Causal scaled-dot-product attention over {@code heads} independent heads: {@code q [heads, t, d]},
     * {@code k, v [heads, s, d]} with {@code s >= t}; query {@code i} sits at position {@code s - t + i} and sees keys
     * {@code j <= s - t + i}. Writes {@code out [heads, t, d]} and the row log-sum-exp of the scaled scores
     * {@code lse [heads, t]}; the {@code t × s} score matrix is never stored. Rows lie in groups: {@code heads =
     * batch·groups}, and row {@code r} of head {@code h} of {@code q}, {@code k}, {@code v} and {@code out} starts at
     * {@code ((h / groups)·rows·groups + h % groups)·d + r·groups·d} — with {@code groups = 1} the packed
     * {@code [heads, rows, d]}, with {@code groups > 1} ({@link #interleavedHeads()}) {@code [batch, rows, groups, d]},
     * heads split from a projection without a copy and written back the same way. {@code lse} is always
     * {@code [heads, t]}.
     */
    default boolean attention(Storage q, Storage k, Storage v, int heads, int groups, int t, int s, int d,
                              float scale, Storage out, Storage lse) {
        return false;
    }

    /**
     * The backward of {@link #attention}, recomputing the probabilities from {@code lse}: given {@code gOut}, writes
     * {@code dq}, {@code dk}, {@code dv} (overwritten), every tensor in the layout {@code groups} names.
     */
    default boolean attentionBackward(Storage q, Storage k, Storage v, Storage out, Storage lse, Storage gOut,
                                      int heads, int groups, int t, int s, int d, float scale, Storage dq,
                                      Storage dk, Storage dv) {
        return false;
    }

    /**
     * One AdamW step over many parameters in a single pass each: for parameter {@code i} of {@code sizes[i]}
     * elements, {@code m ← β1·m + (1-β1)·g}, {@code v ← β2·v + (1-β2)·g²},
     * {@code p ← p·(1 - lr[i]·decay[i]) - (lr[i]/c1)·m / (√(v/c2) + ε)}, all in place (from offset 0 except
     * {@code p} and {@code g}, which start at their offsets).
     */
    default boolean adamw(Storage[] params, int[] paramOffsets, Storage[] grads, int[] gradOffsets, Storage[] m,
                          Storage[] v, int[] sizes, float[] lr, float[] decay, float beta1, float beta2, float eps,
                          float c1, float c2) {
        return false;
    }
}
