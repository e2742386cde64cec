package dev.seedling.opencl;

import dev.seedling.backend.Backend;
import dev.seedling.backend.Backends;
import dev.seedling.backend.FusedKernels;
import dev.seedling.backend.Storage;
import dev.seedling.conformance.Samples;
import dev.seedling.conformance.Tolerance;
import dev.seedling.conformance.Tolerances;
import dev.seedling.tensor.DType;
import org.junit.jupiter.api.Test;

import java.util.function.Function;

import static dev.seedling.conformance.TensorAssertions.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every optional fused kernel of the OpenCL backend called directly through {@link FusedKernels}: it must return
 * {@code true} (so a silent fall-back to the composite cannot pass) and write what the CPU backend's kernel writes
 * for the same inputs. Sizes are chosen odd on purpose: rows wider than a work-group and narrower than one, inputs at
 * non-zero storage offsets, both target dtypes with ignored rows, head widths of 5, 160 and 256, fewer queries
 * than keys, and more keys (and queries) than an attention work-group scores per block.
 */
class OpenClFusedKernelTest {
    /** Both backends sum in different orders (work-group trees against vector lanes). */
    private static final Tolerance TOL = Tolerances.GRADIENT;

    private static Backend opencl() {
        assumeTrue(Backends.discover().stream().anyMatch(f -> f.name().equals("opencl")
                && f.availability().available()), "no OpenCL device here");
        return Backends.open("opencl");
    }

    private static float[] data(long seed, int n) {
        return Samples.uniform(seed, n, -2, 2);
    }

    /** {@code call} on the CPU backend and on OpenCL; every output must agree. */
    private static void agree(String name, Function<Backend, float[][]> call) {
        Backend cl = opencl();
        float[][] expected = call.apply(Backends.open("cpu"));
        float[][] actual = call.apply(cl);
        assertThat(actual.length).as(name + " outputs").isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            double[] e = new double[expected[i].length];
            for (int j = 0; j < e.length; j++) {
                e[j] = expected[i][j];
            }
            assertClose(name + " output " + i, actual[i], e, TOL);
        }
    }

    private static FusedKernels fused(Backend b) {
        return b.fused().orElseThrow();
    }

    private static float[] read(Backend b, Storage s) {
        return b.readFloats(s, 0, s.size());
    }

    /** Asserts the kernel did the work (returned true) rather than leaving it to the composite. */
    private static void ran(boolean done, String kernel, Backend b) {
        assertThat(done).as(kernel + " runs fused on " + b.name()).isTrue();
    }

    @Test
    void softmaxBackwardForSoftmaxAndLogSoftmax() {
        for (int cols : new int[]{67, 300}) {
            for (boolean log : new boolean[]{false, true}) {
                int rows = 3;
                agree("softmaxBackward cols " + cols + " log " + log, b -> {
                    Storage x = b.upload(data(1, rows * cols));
                    Storage y = b.allocate(DType.F32, rows * cols);
                    fused(b).softmax(x, 0, rows, cols, log, y);
                    Storage g = b.upload(data(2, rows * cols));
                    Storage dx = b.allocate(DType.F32, rows * cols);
                    ran(fused(b).softmaxBackward(y, g, rows, cols, log, dx), "softmaxBackward", b);
                    return new float[][]{read(b, dx)};
                });
            }
        }
    }

    @Test
    void normBackwardsWithAndWithoutAffineParametersAtOffsets() {
        int rows = 5;
        int cols = 37;
        for (boolean affine : new boolean[]{true, false}) {
            agree("rmsNormBackward affine " + affine, b -> {
                Storage x = b.upload(data(3, 4 + rows * cols));
                Storage w = affine ? b.upload(data(4, 2 + cols)) : null;
                Storage g = b.upload(data(5, rows * cols));
                Storage dx = b.allocate(DType.F32, rows * cols);
                Storage dw = affine ? b.allocate(DType.F32, cols) : null;
                ran(fused(b).rmsNormBackward(x, 4, rows, cols, w, 2, 1e-5f, g, dx, dw), "rmsNormBackward", b);
                return affine ? new float[][]{read(b, dx), read(b, dw)} : new float[][]{read(b, dx)};
            });
            agree("layerNormBackward affine " + affine, b -> {
                Storage x = b.upload(data(6, 3 + rows * cols));
                Storage w = affine ? b.upload(data(7, 1 + cols)) : null;
                Storage g = b.upload(data(8, rows * cols));
                Storage dx = b.allocate(DType.F32, rows * cols);
                Storage dw = affine ? b.allocate(DType.F32, cols) : null;
                Storage db = affine ? b.allocate(DType.F32, cols) : null;
                ran(fused(b).layerNormBackward(x, 3, rows, cols, w, 1, 1e-5f, g, dx, dw, db), "layerNormBackward",
                        b);
                return affine ? new float[][]{read(b, dx), read(b, dw), read(b, db)} : new float[][]{read(b, dx)};
            });
        }
    }

    /** The targets {@code t} in a new storage, as I32 or I64. */
    private static Storage targets(Backend b, boolean longs, long... t) {
        if (longs) {
            return b.upload(t);
        }
        int[] i = new int[t.length];
        for (int k = 0; k < t.length; k++) {
            i[k] = (int) t[k];
        }
        return b.upload(i);
    }

    @Test
    void crossEntropyForwardAndBackwardWithBothTargetDtypesIgnoredRowsAndSmoothing() {
        int rows = 6;
        int classes = 37;
        long[] t = {0, 36, 0, -100, 5, 17, -100};
        for (boolean longs : new boolean[]{false, true}) {
            for (float eps : new float[]{0f, 0.1f}) {
                agree("crossEntropy " + (longs ? "I64" : "I32") + " smoothing " + eps, b -> {
                    Storage x = b.upload(data(9, 2 + rows * classes));
                    Storage target = targets(b, longs, t);
                    Storage loss = b.allocate(DType.F32, rows);
                    Storage lse = b.allocate(DType.F32, rows);
                    ran(fused(b).crossEntropy(x, 2, rows, classes, target, 1, -100, eps, loss, lse), "crossEntropy",
                            b);
                    Storage gLoss = b.upload(data(10, rows));
                    Storage dx = b.allocate(DType.F32, rows * classes);
                    ran(fused(b).crossEntropyBackward(x, 2, rows, classes, target, 1, -100, eps, lse, gLoss, dx),
                            "crossEntropyBackward", b);
                    return new float[][]{read(b, loss), read(b, lse), read(b, dx)};
                });
            }
        }
    }

    @Test
    void crossEntropyRejectsAnOutOfRangeTargetNamingTheRowAsTheCpuDoes() {
        Backend cl = opencl();
        for (boolean longs : new boolean[]{false, true}) {
            String[] messages = new String[2];
            int k = 0;
            for (Backend b : new Backend[]{Backends.open("cpu"), cl}) {
                Storage x = b.upload(data(11, 4 * 5));
                Storage target = targets(b, longs, 1, -100, 7, 5);
                Storage loss = b.allocate(DType.F32, 4);
                Storage lse = b.allocate(DType.F32, 4);
                Throwable e = catchThrowable(() ->
                        fused(b).crossEntropy(x, 0, 4, 5, target, 0, -100, 0f, loss, lse));
                assertThat(e).as(b.name()).isInstanceOf(IndexOutOfBoundsException.class);
                messages[k++] = e.getMessage();
            }
            assertThat(messages[1]).isEqualTo(messages[0]).contains("target 7 at row 2");
        }
        // the backend stays usable after the error
        Storage x = cl.upload(data(12, 5));
        Storage target = targets(cl, true, 3);
        Storage loss = cl.allocate(DType.F32, 1);
        Storage lse = cl.allocate(DType.F32, 1);
        assertThat(fused(cl).crossEntropy(x, 0, 1, 5, target, 0, -100, 0f, loss, lse)).isTrue();
        assertThatThrownBy(() -> fused(cl).crossEntropy(x, 0, 1, 5, targets(cl, true, -1), 0, -100, 0f, loss, lse))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("target -1 at row 0");
    }

    @Test
    void swigluForwardAndBackward() {
        int n = 1001;
        agree("swiglu", b -> {
            Storage gate = b.upload(Samples.uniform(13, n, -6, 6));
            Storage up = b.upload(data(14, n));
            Storage g = b.upload(data(15, n));
            Storage y = b.allocate(DType.F32, n);
            Storage dGate = b.allocate(DType.F32, n);
            Storage dUp = b.allocate(DType.F32, n);
            ran(fused(b).swiglu(gate, up, n, y), "swiglu", b);
            ran(fused(b).swigluBackward(gate, up, g, n, dGate, dUp), "swigluBackward", b);
            return new float[][]{read(b, y), read(b, dGate), read(b, dUp)};
        });
    }

    @Test
    void ropeForwardAndInverseAtATableRowAndInputOffset() {
        int outer = 3;
        int positions = 4;
        int dim = 6;
        int n = outer * positions * dim;
        for (int groups : new int[]{1, 3}) {   // 3: the heads of one batch entry interleave row by row
            for (boolean inverse : new boolean[]{false, true}) {
                agree("rope groups " + groups + " inverse " + inverse, b -> {
                    Storage x = b.upload(data(16, 5 + n));
                    Storage cos = b.upload(data(17, 9 * dim));
                    Storage sin = b.upload(data(18, 9 * dim));
                    Storage y = b.allocate(DType.F32, n);
                    ran(fused(b).rope(x, 5, outer, positions, groups, dim, cos, sin, 3, inverse, y), "rope", b);
                    return new float[][]{read(b, y)};
                });
            }
        }
    }

    @Test
    void attentionForwardAndBackwardWithFewerQueriesThanKeysAndOddHeadWidths() {
        // {heads, t, s, d}: d 5 with 3 queries over 7 keys; d 160 with 2 queries over 150 keys (several key blocks);
        // 70 queries over 70 keys (several query blocks for dk, dv); d 256, the widest head the brief asks for; and
        // heads whose rows interleave in groups of 2 and 3 ({heads, t, s, d, groups})
        for (int[] c : new int[][]{{2, 3, 7, 5, 1}, {1, 2, 150, 160, 1}, {3, 70, 70, 8, 1}, {1, 3, 5, 256, 1},
                {4, 3, 7, 5, 2}, {6, 9, 40, 8, 3}}) {
            int heads = c[0];
            int t = c[1];
            int s = c[2];
            int d = c[3];
            int groups = c[4];
            float scale = (float) (1 / Math.sqrt(d));
            agree("attention heads " + heads + " t " + t + " s " + s + " d " + d + " groups " + groups, b -> {
                Storage q = b.upload(data(19, heads * t * d));
                Storage k = b.upload(data(20, heads * s * d));
                Storage v = b.upload(data(21, heads * s * d));
                Storage out = b.allocate(DType.F32, heads * t * d);
                Storage lse = b.allocate(DType.F32, heads * t);
                ran(fused(b).attention(q, k, v, heads, groups, t, s, d, scale, out, lse), "attention", b);
                Storage gOut = b.upload(data(22, heads * t * d));
                Storage dq = b.allocate(DType.F32, heads * t * d);
                Storage dk = b.allocate(DType.F32, heads * s * d);
                Storage dv = b.allocate(DType.F32, heads * s * d);
                ran(fused(b).attentionBackward(q, k, v, out, lse, gOut, heads, groups, t, s, d, scale, dq, dk,
                        dv), "attentionBackward", b);
                return new float[][]{read(b, out), read(b, lse), read(b, dq), read(b, dk), read(b, dv)};
            });
        }
    }

    @Test
    void adamwUpdatesEveryParameterInPlaceWithItsOwnRateAndDecay() {
        int[] sizes = {37, 300};
        agree("adamw", b -> {
            Storage[] p = {b.upload(data(23, 2 + sizes[0])), b.upload(data(24, sizes[1]))};
            Storage[] g = {b.upload(data(25, sizes[0])), b.upload(data(26, 4 + sizes[1]))};
            Storage[] m = {b.upload(data(27, sizes[0])), b.upload(data(28, sizes[1]))};
            Storage[] v = {b.upload(Samples.uniform(29, sizes[0], 0, 1)),
                    b.upload(Samples.uniform(30, sizes[1], 0, 1))};
            ran(fused(b).adamw(p, new int[]{2, 0}, g, new int[]{0, 4}, m, v, sizes, new float[]{1e-2f, 3e-3f},
                    new float[]{0.1f, 0f}, 0.9f, 0.95f, 1e-8f, 0.19f, 0.0975f), "adamw", b);
            return new float[][]{read(b, p[0]), read(b, p[1]), read(b, m[0]), read(b, m[1]), read(b, v[0]),
                    read(b, v[1])};
        });
    }
}
