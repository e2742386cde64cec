package dev.seedling.cpu;

import dev.seedling.backend.ReduceOp;
import dev.seedling.backend.StorageChecks;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

import static dev.seedling.cpu.Simd.F;

/**
 * Cross-entropy from logits in one pass per row: the forward keeps only the row log-sum-exp, the backward writes
 * {@code g·(softmax - target distribution)} directly, so neither the log-probabilities nor a one-hot matrix exist.
 */
final class LossKernels {
    private LossKernels() {
    }

    private static long target(CpuStorage target, int at, long ignoreIndex, int classes, int row) {
        long t = target.index(at);
        if (t != ignoreIndex && (t < 0 || t >= classes)) {
            throw StorageChecks.targetOutOfRange(t, row, classes, ignoreIndex);
        }
        return t;
    }

    static void crossEntropy(float[] x, int offset, int rows, int classes, CpuStorage target, int targetOffset,
                             long ignoreIndex, float smoothing, float[] loss, float[] lse) {
        Parallel.forRange(rows, 2L * classes, (from, to) -> {
            for (int r = from; r < to; r++) {
                int xo = offset + r * classes;
                long t = target(target, targetOffset + r, ignoreIndex, classes, r);
                float max = ReduceKernels.reduceRow(ReduceOp.MAX, x, xo, classes);
                FloatVector vmax = FloatVector.broadcast(F, max);
                FloatVector acc = FloatVector.zero(F);
                int i = 0;
                for (int bound = F.loopBound(classes); i < bound; i += F.length()) {
                    acc = acc.add(Simd.exp(FloatVector.fromArray(F, x, xo + i).sub(vmax)));
                }
                double sum = Simd.sum(acc);
                for (; i < classes; i++) {
                    sum += Math.exp(x[xo + i] - max);
                }
                double l = max + Math.log(sum);
                lse[r] = (float) l;
                if (t == ignoreIndex) {
                    loss[r] = 0f;
                    continue;
                }
                double v = l - (1 - smoothing) * x[xo + (int) t];
                if (smoothing > 0) {
                    v -= smoothing / classes * ReduceKernels.reduceRow(ReduceOp.SUM, x, xo, classes);
                }
                loss[r] = (float) v;
            }
        });
    }

    static void crossEntropyBackward(float[] x, int offset, int rows, int classes, CpuStorage target, int targetOffset,
                                     long ignoreIndex, float smoothing, float[] lse, float[] gLoss, float[] dx) {
        float uniform = smoothing / classes;
        Parallel.forRange(rows, 2L * classes, (from, to) -> {
            for (int r = from; r < to; r++) {
                int xo = offset + r * classes;
                int o = r * classes;
                long t = target(target, targetOffset + r, ignoreIndex, classes, r);
                if (t == ignoreIndex) {
                    java.util.Arrays.fill(dx, o, o + classes, 0f);
                    continue;
                }
                float g = gLoss[r];
                FloatVector vl = FloatVector.broadcast(F, lse[r]);
                int i = 0;
                for (int bound = F.loopBound(classes); i < bound; i += F.length()) {
                    FloatVector p = Simd.exp(FloatVector.fromArray(F, x, xo + i).sub(vl));
                    p.sub(uniform).mul(g).intoArray(dx, o + i);
                }
                for (; i < classes; i++) {
                    dx[o + i] = ((float) Math.exp(x[xo + i] - lse[r]) - uniform) * g;
                }
                dx[o + (int) t] -= (1 - smoothing) * g;
            }
        });
    }
}
