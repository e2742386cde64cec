package dev.seedling.cpu;

import dev.seedling.backend.MatmulSpec;
import dev.seedling.cpu.PackedGemm.Operand;

import java.util.Arrays;

import static dev.seedling.cpu.GemmMicroKernel.MR;
import static dev.seedling.cpu.Simd.L;

/**
 * Batched SGEMM for {@link CpuBackend#matmul}: chooses, per call, how the {@link MatmulSpec} is computed. Transposes
 * become strides (packing and the small path read through them, nothing is materialised); a broadcast B under
 * row-major A entries is one tall product; tiny or thin products take {@link SmallGemm}; many medium entries run one
 * per thread; large ones run {@link PackedGemm} with its blocks spread over the pool.
 */
final class MatmulKernel {
    /** Multiply-adds per product below which packing costs more than it saves. */
    static final long SMALL_VOLUME = 40L * 40 * 40;
    /** Multiply-adds per batch entry below which entries, not blocks, are spread over the threads. */
    static final long ENTRY_PARALLEL_VOLUME = 1L << 21;
    private static final int SMALL_ROWS = 4;

    private MatmulKernel() {
    }

    static void matmul(MatmulSpec s, float[] a, int aOff, float[] b, int bOff, float[] c) {
        int batch = s.batch();
        int m = s.m();
        int n = s.n();
        int k = s.k();
        if (k == 0) {
            Arrays.fill(c, 0, batch * m * n, 0f);
            return;
        }
        int ars = s.transA() ? 1 : k;
        int acs = s.transA() ? m : 1;
        int brs = s.transB() ? 1 : n;
        int bcs = s.transB() ? k : 1;
        int aStride = s.aBatchStride();
        int bStride = s.bBatchStride();
        if (batch > 1 && bStride == 0 && !s.transA() && aStride == m * k) {
            m *= batch;     // entries of A are stacked rows sharing one B: one tall product
            batch = 1;
        }
        int rows = m;
        int entries = batch;
        int entrySize = m * n;
        long volume = (long) m * n * k;
        if (volume <= SMALL_VOLUME || thin(m, n, k, acs, brs, bcs)) {
            int blocks = PackedGemm.ceilDiv(m, SMALL_ROWS);
            Parallel.forRange(entries * blocks, (long) SMALL_ROWS * n * k, (from, to) -> {
                for (int task = from; task < to; task++) {
                    int e = task / blocks;
                    int r0 = (task % blocks) * SMALL_ROWS;
                    SmallGemm.multiply(new Operand(a, aOff + e * aStride, ars, acs),
                            new Operand(b, bOff + e * bStride, brs, bcs), c, e * entrySize, n, n, k, r0,
                            Math.min(rows, r0 + SMALL_ROWS));
                }
            });
        } else if (entries > 1 && volume < ENTRY_PARALLEL_VOLUME) {
            Parallel.forRange(entries, volume, (from, to) -> {
                for (int e = from; e < to; e++) {
                    PackedGemm.multiply(new Operand(a, aOff + e * aStride, ars, acs),
                            new Operand(b, bOff + e * bStride, brs, bcs), c, e * entrySize, n, rows, n, k, false);
                }
            });
        } else {
            for (int e = 0; e < entries; e++) {
                PackedGemm.multiply(new Operand(a, aOff + e * aStride, ars, acs),
                        new Operand(b, bOff + e * bStride, brs, bcs), c, e * entrySize, n, rows, n, k, true);
            }
        }
    }

    /**
     * A product with fewer rows than a micro-kernel block or fewer columns than a vector, when {@link SmallGemm}
     * can still vectorise it: packing would pad it with mostly zeros.
     */
    private static boolean thin(int m, int n, int k, int acs, int brs, int bcs) {
        boolean rowsOfB = bcs == 1 && n >= L;
        boolean dots = acs == 1 && brs == 1 && k >= L;
        return (m < MR || n < L) && (rowsOfB || dots);
    }
}
