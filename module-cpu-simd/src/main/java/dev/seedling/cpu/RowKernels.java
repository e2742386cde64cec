package dev.seedling.cpu;

import dev.seedling.backend.FusedKernels;
import dev.seedling.backend.ReduceOp;
import dev.seedling.backend.Storage;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

import static dev.seedling.cpu.Simd.F;

/** The fused row kernels: softmax, log-softmax, RMSNorm and LayerNorm, one pass per row with a vectorised body. */
final class RowKernels implements FusedKernels {

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
                    FloatVector e = FloatVector.fromArray(F, x, xo + i).sub(vmax).lanewise(VectorOperators.EXP);
                    e.intoArray(y, yo + i);
                    sum += e.reduceLanes(VectorOperators.ADD);
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
        double s = acc.reduceLanes(VectorOperators.ADD);
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
}
