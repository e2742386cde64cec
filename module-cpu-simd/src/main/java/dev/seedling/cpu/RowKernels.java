package dev.seedling.cpu;

import dev.seedling.backend.FusedKernels;
import dev.seedling.backend.ReduceOp;
import dev.seedling.backend.Storage;
import jdk.incubator.vector.FloatVector;

import static dev.seedling.cpu.Simd.F;

/**
 * The fused row kernels: softmax, log-softmax, RMSNorm and LayerNorm, forward and backward, one pass per row (two for
 * the norms' backward) with a vectorised body. Weight gradients are summed per fixed block of rows and the blocks added
 * in order, so results do not depend on the thread count.
 */
final class RowKernels implements FusedKernels {
    /** Rows per partial weight-gradient sum (fixed, for thread-count independent rounding). */
    private static final int ROW_BLOCK = 64;

    @Override
    public void softmax(Storage src, int offset, int rows, int cols, boolean log, Storage dst) {
        float[] x = CpuStorage.of(src).floats();
        float[] y = CpuStorage.of(dst).floats();
        Parallel.forRange(rows, 3L * cols, (from, to) -> {
            for (int r = from; r < to; r++) {
                int xo = offset + r * cols;
                int yo = r * cols;
                float max = ReduceKernels.reduceRow(ReduceOp.MAX, x, xo, cols);
                // y = exp(x - max); sum in double across lanes for accuracy on long rows
                FloatVector vmax = FloatVector.broadcast(F, max);
                double sum = 0;
                int i = 0;
                for (int bound = F.loopBound(cols); i < bound; i += F.length()) {
                    FloatVector e = Simd.exp(FloatVector.fromArray(F, x, xo + i).sub(vmax));
                    e.intoArray(y, yo + i);
                    sum += Simd.sum(e);
                }
                for (; i < cols; i++) {
                    float e = (float) Math.exp(x[xo + i] - max);
                    y[yo + i] = e;
                    sum += e;
                }
                if (log) {
                    float shift = (float) (max + Math.log(sum));
                    scaleShift(x, xo, y, yo, cols, 1f, -shift);
                } else {
                    scaleShift(y, yo, y, yo, cols, (float) (1 / sum), 0f);
                }
            }
        });
    }

    /** {@code y = x * scale + shift}. */
    private static void scaleShift(float[] x, int xo, float[] y, int yo, int n, float scale, float shift) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector.fromArray(F, x, xo + i).fma(scale, shift).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = x[xo + i] * scale + shift;
        }
    }

    @Override
    public void rmsNorm(Storage xs, int offset, int rows, int cols, Storage weight, int weightOffset, float eps,
                        Storage dst) {
        float[] x = CpuStorage.of(xs).floats();
        float[] w = weight == null ? null : CpuStorage.of(weight).floats();
        float[] y = CpuStorage.of(dst).floats();
        Parallel.forRange(rows, 2L * cols, (from, to) -> {
            for (int r = from; r < to; r++) {
                int xo = offset + r * cols;
                double ss = sumOfSquares(x, xo, cols, 0f);
                float inv = (float) (1 / Math.sqrt(ss / cols + eps));
                affine(x, xo, 0f, inv, w, weightOffset, null, 0, y, r * cols, cols);
            }
        });
    }

    @Override
    public void layerNorm(Storage xs, int offset, int rows, int cols, Storage weight, int weightOffset, Storage bias,
                          int biasOffset, float eps, Storage dst) {
        float[] x = CpuStorage.of(xs).floats();
        float[] w = weight == null ? null : CpuStorage.of(weight).floats();
        float[] b = bias == null ? null : CpuStorage.of(bias).floats();
        float[] y = CpuStorage.of(dst).floats();
        Parallel.forRange(rows, 3L * cols, (from, to) -> {
            for (int r = from; r < to; r++) {
                int xo = offset + r * cols;
                float mean = ReduceKernels.reduceRow(ReduceOp.SUM, x, xo, cols) / cols;
                double var = sumOfSquares(x, xo, cols, mean) / cols;
                float inv = (float) (1 / Math.sqrt(var + eps));
                affine(x, xo, mean, inv, w, weightOffset, b, biasOffset, y, r * cols, cols);
            }
        });
    }

    private static double sumOfSquares(float[] x, int xo, int n, float center) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector d = FloatVector.fromArray(F, x, xo + i).sub(center);
            acc = d.fma(d, acc);
        }
        double s = Simd.sum(acc);
        for (; i < n; i++) {
            float d = x[xo + i] - center;
            s += d * d;
        }
        return s;
    }

    /** {@code y = (x - center) * inv * w + b}, with absent w/b skipped. */
    private static void affine(float[] x, int xo, float center, float inv, float[] w, int wo, float[] b, int bo,
                               float[] y, int yo, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, x, xo + i).sub(center).mul(inv);
            if (w != null) {
                v = v.mul(FloatVector.fromArray(F, w, wo + i));
            }
            if (b != null) {
                v = v.add(FloatVector.fromArray(F, b, bo + i));
            }
            v.intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            float v = (x[xo + i] - center) * inv;
            if (w != null) {
                v *= w[wo + i];
            }
            if (b != null) {
                v += b[bo + i];
            }
            y[yo + i] = v;
        }
    }

    @Override
    public boolean softmaxBackward(Storage ys, Storage gs, int rows, int cols, boolean log, Storage dxs) {
        float[] y = CpuStorage.of(ys).floats();
        float[] g = CpuStorage.of(gs).floats();
        float[] dx = CpuStorage.of(dxs).floats();
        Parallel.forRange(rows, 3L * cols, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * cols;
                int i = 0;
                if (log) {
                    // dx = g - exp(y)·Σg
                    float sum = ReduceKernels.reduceRow(ReduceOp.SUM, g, o, cols);
                    for (int bound = F.loopBound(cols); i < bound; i += F.length()) {
                        FloatVector e = Simd.exp(FloatVector.fromArray(F, y, o + i));
                        FloatVector.fromArray(F, g, o + i).sub(e.mul(sum)).intoArray(dx, o + i);
                    }
                    for (; i < cols; i++) {
                        dx[o + i] = g[o + i] - (float) Math.exp(y[o + i]) * sum;
                    }
                } else {
                    // dx = y·(g - Σg·y)
                    float dot = dot(g, o, y, o, cols);
                    for (int bound = F.loopBound(cols); i < bound; i += F.length()) {
                        FloatVector yv = FloatVector.fromArray(F, y, o + i);
                        yv.mul(FloatVector.fromArray(F, g, o + i).sub(dot)).intoArray(dx, o + i);
                    }
                    for (; i < cols; i++) {
                        dx[o + i] = y[o + i] * (g[o + i] - dot);
                    }
                }
            }
        });
        return true;
    }

    @Override
    public boolean rmsNormBackward(Storage xs, int offset, int rows, int cols, Storage weight, int weightOffset,
                                   float eps, Storage gs, Storage dxs, Storage dWeight) {
        float[] x = CpuStorage.of(xs).floats();
        float[] w = weight == null ? null : CpuStorage.of(weight).floats();
        float[] g = CpuStorage.of(gs).floats();
        float[] dx = CpuStorage.of(dxs).floats();
        int blocks = (rows + ROW_BLOCK - 1) / ROW_BLOCK;
        float[] partial = dWeight == null ? null : new float[blocks * cols];
        Parallel.forRange(blocks, 4L * ROW_BLOCK * cols, (bFrom, bTo) -> {
            for (int blk = bFrom; blk < bTo; blk++) {
                for (int r = blk * ROW_BLOCK, end = Math.min(rows, r + ROW_BLOCK); r < end; r++) {
                    int xo = offset + r * cols;
                    int go = r * cols;
                    float inv = (float) (1 / Math.sqrt(sumOfSquares(x, xo, cols, 0f) / cols + eps));
                    // mean(gw·x) with gw = g·w
                    float gwx = w == null ? dot(g, go, x, xo, cols) : dot3(g, go, w, weightOffset, x, xo, cols);
                    float coef = inv * inv * inv * gwx / cols;
                    int i = 0;
                    for (int bound = F.loopBound(cols); i < bound; i += F.length()) {
                        FloatVector gv = FloatVector.fromArray(F, g, go + i);
                        FloatVector xv = FloatVector.fromArray(F, x, xo + i);
                        FloatVector gw = w == null ? gv : gv.mul(FloatVector.fromArray(F, w, weightOffset + i));
                        gw.mul(inv).sub(xv.mul(coef)).intoArray(dx, go + i);
                        if (partial != null) {
                            int po = blk * cols + i;
                            gv.mul(xv).fma(FloatVector.broadcast(F, inv), FloatVector.fromArray(F, partial, po)).intoArray(partial, po);
                        }
                    }
                    for (; i < cols; i++) {
                        float gw = w == null ? g[go + i] : g[go + i] * w[weightOffset + i];
                        dx[go + i] = gw * inv - x[xo + i] * coef;
                        if (partial != null) {
                            partial[blk * cols + i] += g[go + i] * x[xo + i] * inv;
                        }
                    }
                }
            }
        });
        if (partial != null) {
            sumBlocks(partial, blocks, cols, CpuStorage.of(dWeight).floats());
        }
        return true;
    }

    @Override
    public boolean layerNormBackward(Storage xs, int offset, int rows, int cols, Storage weight, int weightOffset,
                                     float eps, Storage gs, Storage dxs, Storage dWeight, Storage dBias) {
        float[] x = CpuStorage.of(xs).floats();
        float[] w = weight == null ? null : CpuStorage.of(weight).floats();
        float[] g = CpuStorage.of(gs).floats();
        float[] dx = CpuStorage.of(dxs).floats();
        int blocks = (rows + ROW_BLOCK - 1) / ROW_BLOCK;
        float[] pw = dWeight == null ? null : new float[blocks * cols];
        float[] pb = dBias == null ? null : new float[blocks * cols];
        Parallel.forRange(blocks, 6L * ROW_BLOCK * cols, (bFrom, bTo) -> {
            for (int blk = bFrom; blk < bTo; blk++) {
                for (int r = blk * ROW_BLOCK, end = Math.min(rows, r + ROW_BLOCK); r < end; r++) {
                    int xo = offset + r * cols;
                    int go = r * cols;
                    float mean = ReduceKernels.reduceRow(ReduceOp.SUM, x, xo, cols) / cols;
                    float inv = (float) (1 / Math.sqrt(sumOfSquares(x, xo, cols, mean) / cols + eps));
                    // pass 1: Σgx and Σgx·x̂
                    FloatVector sa = FloatVector.zero(F);
                    FloatVector sb = FloatVector.zero(F);
                    int i = 0;
                    for (int bound = F.loopBound(cols); i < bound; i += F.length()) {
                        FloatVector gx = FloatVector.fromArray(F, g, go + i);
                        if (w != null) {
                            gx = gx.mul(FloatVector.fromArray(F, w, weightOffset + i));
                        }
                        FloatVector xh = FloatVector.fromArray(F, x, xo + i).sub(mean).mul(inv);
                        sa = sa.add(gx);
                        sb = gx.fma(xh, sb);
                    }
                    float a = Simd.sum(sa);
                    float b = Simd.sum(sb);
                    for (int j = i; j < cols; j++) {
                        float gx = w == null ? g[go + j] : g[go + j] * w[weightOffset + j];
                        a += gx;
                        b += gx * (x[xo + j] - mean) * inv;
                    }
                    a /= cols;
                    b /= cols;
                    // pass 2: dx = r·(gx - a - x̂·b), dw += g·x̂, db += g
                    i = 0;
                    for (int bound = F.loopBound(cols); i < bound; i += F.length()) {
                        FloatVector gv = FloatVector.fromArray(F, g, go + i);
                        FloatVector gx = w == null ? gv : gv.mul(FloatVector.fromArray(F, w, weightOffset + i));
                        FloatVector xh = FloatVector.fromArray(F, x, xo + i).sub(mean).mul(inv);
                        gx.sub(a).sub(xh.mul(b)).mul(inv).intoArray(dx, go + i);
                        int po = blk * cols + i;
                        if (pw != null) {
                            gv.fma(xh, FloatVector.fromArray(F, pw, po)).intoArray(pw, po);
                        }
                        if (pb != null) {
                            gv.add(FloatVector.fromArray(F, pb, po)).intoArray(pb, po);
                        }
                    }
                    for (; i < cols; i++) {
                        float gx = w == null ? g[go + i] : g[go + i] * w[weightOffset + i];
                        float xh = (x[xo + i] - mean) * inv;
                        dx[go + i] = (gx - a - xh * b) * inv;
                        if (pw != null) {
                            pw[blk * cols + i] += g[go + i] * xh;
                        }
                        if (pb != null) {
                            pb[blk * cols + i] += g[go + i];
                        }
                    }
                }
            }
        });
        if (pw != null) {
            sumBlocks(pw, blocks, cols, CpuStorage.of(dWeight).floats());
        }
        if (pb != null) {
            sumBlocks(pb, blocks, cols, CpuStorage.of(dBias).floats());
        }
        return true;
    }

    /**
     * {@code out[c] = Σ_b partial[b, c]}, blocks added in order. A plain loop, not the Vector API: this runs once per
     * backward, too rarely for C2 to compile it early, and until then Vector API code runs its Java fallback (an
     * array per operation: ~2.5 MB per LM step). C2 vectorises the plain loop once it compiles it, with the same
     * result (lanewise adds, no reassociation).
     */
    private static void sumBlocks(float[] partial, int blocks, int cols, float[] out) {
        System.arraycopy(partial, 0, out, 0, cols);
        for (int b = 1; b < blocks; b++) {
            int po = b * cols;
            for (int i = 0; i < cols; i++) {
                out[i] += partial[po + i];
            }
        }
    }

    static float dot(float[] a, int ao, float[] b, int bo, int n) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            acc = FloatVector.fromArray(F, a, ao + i).fma(FloatVector.fromArray(F, b, bo + i), acc);
        }
        float s = Simd.sum(acc);
        for (; i < n; i++) {
            s += a[ao + i] * b[bo + i];
        }
        return s;
    }

    private static float dot3(float[] a, int ao, float[] b, int bo, float[] c, int co, int n) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector ab = FloatVector.fromArray(F, a, ao + i).mul(FloatVector.fromArray(F, b, bo + i));
            acc = ab.fma(FloatVector.fromArray(F, c, co + i), acc);
        }
        float s = Simd.sum(acc);
        for (; i < n; i++) {
            s += a[ao + i] * b[bo + i] * c[co + i];
        }
        return s;
    }
}
