package dev.seedling.cpu;

import dev.seedling.backend.FusedKernels;
import dev.seedling.backend.Storage;

/** Every fused kernel of the CPU backend: the row kernels, cross-entropy, SwiGLU, RoPE, attention and AdamW. */
final class CpuFusedKernels implements FusedKernels {
    private final RowKernels rows = new RowKernels();

    private static float[] f(Storage s) {
        return s == null ? null : CpuStorage.of(s).floats();
    }

    @Override
    public void softmax(Storage src, int offset, int rows, int cols, boolean log, Storage dst) {
        this.rows.softmax(src, offset, rows, cols, log, dst);
    }

    @Override
    public void rmsNorm(Storage x, int offset, int rows, int cols, Storage weight, int weightOffset, float eps,
                        Storage dst) {
        this.rows.rmsNorm(x, offset, rows, cols, weight, weightOffset, eps, dst);
    }

    @Override
    public void layerNorm(Storage x, int offset, int rows, int cols, Storage weight, int weightOffset, Storage bias,
                          int biasOffset, float eps, Storage dst) {
        this.rows.layerNorm(x, offset, rows, cols, weight, weightOffset, bias, biasOffset, eps, dst);
    }

    @Override
    public boolean softmaxBackward(Storage y, Storage g, int rows, int cols, boolean log, Storage dx) {
        return this.rows.softmaxBackward(y, g, rows, cols, log, dx);
    }

    @Override
    public boolean rmsNormBackward(Storage x, int offset, int rows, int cols, Storage weight, int weightOffset,
                                   float eps, Storage g, Storage dx, Storage dWeight) {
        return this.rows.rmsNormBackward(x, offset, rows, cols, weight, weightOffset, eps, g, dx, dWeight);
    }

    @Override
    public boolean layerNormBackward(Storage x, int offset, int rows, int cols, Storage weight, int weightOffset,
                                     float eps, Storage g, Storage dx, Storage dWeight, Storage dBias) {
        return this.rows.layerNormBackward(x, offset, rows, cols, weight, weightOffset, eps, g, dx, dWeight, dBias);
    }

    @Override
    public boolean crossEntropy(Storage logits, int offset, int rows, int classes, Storage target, int targetOffset,
                                long ignoreIndex, float labelSmoothing, Storage loss, Storage lse) {
        LossKernels.crossEntropy(f(logits), offset, rows, classes, CpuStorage.of(target), targetOffset, ignoreIndex,
                labelSmoothing, f(loss), f(lse));
        return true;
    }

    @Override
    public boolean crossEntropyBackward(Storage logits, int offset, int rows, int classes, Storage target,
                                        int targetOffset, long ignoreIndex, float labelSmoothing, Storage lse,
                                        Storage gLoss, Storage dx) {
        LossKernels.crossEntropyBackward(f(logits), offset, rows, classes, CpuStorage.of(target), targetOffset,
                ignoreIndex, labelSmoothing, f(lse), f(gLoss), f(dx));
        return true;
    }

    @Override
    public boolean swiglu(Storage gate, Storage up, int n, Storage dst) {
        GatedKernels.swiglu(f(gate), f(up), n, f(dst));
        return true;
    }

    @Override
    public boolean swigluBackward(Storage gate, Storage up, Storage g, int n, Storage dGate, Storage dUp) {
        GatedKernels.swigluBackward(f(gate), f(up), f(g), n, f(dGate), f(dUp));
        return true;
    }

    @Override
    public boolean rope(Storage x, int offset, int outer, int positions, int groups, int dim, Storage cos,
                        Storage sin, int tableRow, boolean inverse, Storage dst) {
        GatedKernels.rope(f(x), offset, outer, positions, groups, dim, f(cos), f(sin), tableRow, inverse, f(dst));
        return true;
    }

    @Override
    public boolean interleavedHeads() {
        return true;
    }

    @Override
    public boolean attention(Storage q, Storage k, Storage v, int heads, int groups, int t, int s, int d,
                             float scale, Storage out, Storage lse) {
        AttentionKernel.forward(f(q), f(k), f(v), heads, groups, t, s, d, scale, f(out), f(lse));
        return true;
    }

    @Override
    public boolean attentionBackward(Storage q, Storage k, Storage v, Storage out, Storage lse, Storage gOut,
                                     int heads, int groups, int t, int s, int d, float scale, Storage dq,
                                     Storage dk, Storage dv) {
        AttentionKernel.backward(f(q), f(k), f(v), f(out), f(lse), f(gOut), heads, groups, t, s, d, scale, f(dq),
                f(dk), f(dv));
        return true;
    }

    @Override
    public boolean adamw(Storage[] params, int[] paramOffsets, Storage[] grads, int[] gradOffsets, Storage[] m,
                         Storage[] v, int[] sizes, float[] lr, float[] decay, float beta1, float beta2, float eps,
                         float c1, float c2) {
        int n = params.length;
        float[][] p = new float[n][];
        float[][] g = new float[n][];
        float[][] ms = new float[n][];
        float[][] vs = new float[n][];
        for (int i = 0; i < n; i++) {
            p[i] = f(params[i]);
            g[i] = f(grads[i]);
            ms[i] = f(m[i]);
            vs[i] = f(v[i]);
        }
        AdamWKernel.step(p, paramOffsets, g, gradOffsets, ms, vs, sizes, lr, decay, beta1, beta2, eps, c1, c2);
        return true;
    }
}
