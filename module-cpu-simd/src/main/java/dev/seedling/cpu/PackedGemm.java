package dev.seedling.cpu;

import java.util.Arrays;

import static dev.seedling.cpu.GemmMicroKernel.MR;
import static dev.seedling.cpu.GemmMicroKernel.NR;

/**
 * One SGEMM {@code C = A·B} ({@code m×k} by {@code k×n}, C row-major with leading dimension {@code ldc}) in the BLIS
 * loop order: columns in blocks of {@code NC}, depth in blocks of {@code KC}, rows in blocks of {@code MC}. For each
 * (NC, KC) block B is packed once into {@code NR}-column micro-panels shared by all threads (it stays in L3); each task
 * packs its {@code MC×KC} block of A into {@code MR}-row micro-panels in its own buffer (it stays in L2) and sweeps
 * the micro-kernel over it, one B micro-panel (in L1) at a time. Packing reads A and B through strides, so transposed
 * operands cost nothing extra, and pads edges with zeros, so the micro-kernel always runs full blocks.
 *
 * <p>Buffers are per thread and grow to their largest use, then are reused by every later call on that thread.
 */
final class PackedGemm {
    /** Depth of a block: a B micro-panel {@code KC×NR} floats fills about half of a 32 KiB L1. */
    static final int KC = tuning("seedling.gemm.kc", Math.max(64, 16 * 1024 / (NR * Float.BYTES)), 1);
    /** Rows of an A block: {@code MC×KC} floats (96 KiB at 8 lanes), a fifth of a 512 KiB L2. */
    static final int MC = tuning("seedling.gemm.mc", 24 * MR, MR);
    /** Columns of a B block: {@code KC×NC} floats, a few MiB of L3. */
    static final int NC = tuning("seedling.gemm.nc", 4096 / NR * NR, NR);

    /**
     * Floats of a B block below which the caller packs it alone: a fork-join round trip (which waits for every
     * worker to be scheduled) costs more than copying a quarter of a million floats.
     */
    private static final long PARALLEL_PACK = 1 << 18;

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private PackedGemm() {
    }

    /** A matrix read through strides: element {@code (i, j)} is {@code data[offset + i·rowStride + j·colStride]}. */
    record Operand(float[] data, int offset, int rowStride, int colStride) {
    }

    /**
     * Per-thread packing space: the A block and the edge tile serve the thread running a task, the B block the
     * thread that called {@link #multiply} (the pool's workers only read it).
     */
    private static final class Buffers {
        final float[] a = new float[MC * KC];
        final float[] tile = new float[MR * NR];
        float[] b = new float[0];

        float[] b(int size) {
            if (b.length < size) {
                b = new float[size];
            }
            return b;
        }
    }

    /**
     * Computes {@code C = A·B}; with {@code parallel} the B packing and the row/column blocks are spread over the
     * backend's pool, otherwise everything runs on the calling thread (callers that already split the work).
     */
    static void multiply(Operand a, Operand b, float[] c, int cOff, int ldc, int m, int n, int k, boolean parallel) {
        int kBlocks = ceilDiv(k, KC);
        int kc = ceilDiv(k, kBlocks);
        int nBlocks = ceilDiv(n, NC);
        int nc = roundUp(ceilDiv(n, nBlocks), NR);
        int mBlocks = ceilDiv(m, MC);
        int mc = roundUp(ceilDiv(m, mBlocks), MR);
        float[] bp = BUFFERS.get().b(kc * nc);
        for (int jc = 0; jc < n; jc += nc) {
            int ncur = Math.min(nc, n - jc);
            int panels = ceilDiv(ncur, NR);
            // with few row blocks, split the columns too so every thread gets work
            int groups = parallel ? Math.max(1, Math.min(panels, ceilDiv(2 * Parallel.THREADS, mBlocks))) : 1;
            int perGroup = ceilDiv(panels, groups);
            for (int pc = 0; pc < k; pc += kc) {
                int kcur = Math.min(kc, k - pc);
                boolean add = pc > 0;
                int j0 = jc;
                int p0 = pc;
                if (parallel && (long) kcur * ncur >= PARALLEL_PACK) {
                    Parallel.forRange(panels, (long) kcur * NR,
                            (from, to) -> packB(b, p0, kcur, j0, ncur, from, to, bp));
                } else {
                    packB(b, p0, kcur, j0, ncur, 0, panels, bp);
                }
                if (parallel) {
                    Parallel.forRange(mBlocks * groups, (long) mc * perGroup * NR * kcur,
                            (from, to) -> blocks(a, bp, c, cOff, ldc, m, mc, p0, kcur, j0, ncur, perGroup, groups,
                                    add, from, to));
                } else {
                    blocks(a, bp, c, cOff, ldc, m, mc, p0, kcur, j0, ncur, perGroup, groups, add, 0, mBlocks * groups);
                }
            }
        }
    }

    /** Tasks {@code [from, to)} of the (row block, panel group) grid for one packed B block. */
    private static void blocks(Operand a, float[] bp, float[] c, int cOff, int ldc, int m, int mc, int p0, int kc,
                               int j0, int ncur, int perGroup, int groups, boolean add, int from, int to) {
        Buffers own = BUFFERS.get();
        float[] ap = own.a;
        int packedRow = -1;
        for (int task = from; task < to; task++) {
            int i0 = (task / groups) * mc;
            int g = task % groups;
            int mcur = Math.min(mc, m - i0);
            if (i0 != packedRow) {
                packA(a, i0, mcur, p0, kc, ap);
                packedRow = i0;
            }
            int panels = ceilDiv(ncur, NR);
            int jpEnd = Math.min(panels, (g + 1) * perGroup);
            for (int jp = g * perGroup; jp < jpEnd; jp++) {
                int cols = Math.min(NR, ncur - jp * NR);
                int bo = jp * kc * NR;
                for (int ir = 0; ir < mcur; ir += MR) {
                    int rows = Math.min(MR, mcur - ir);
                    GemmMicroKernel.run(kc, ap, ir * kc, bp, bo, c, cOff + (i0 + ir) * ldc + j0 + jp * NR, ldc,
                            rows, cols, add, own.tile);
                }
            }
        }
    }

    /** Packs rows {@code [i0, i0+mcur)} × depth {@code [p0, p0+kc)} of A as {@code [panel][kc][MR]}, zero-padded. */
    static void packA(Operand a, int i0, int mcur, int p0, int kc, float[] dst) {
        float[] src = a.data();
        int rs = a.rowStride();
        int cs = a.colStride();
        for (int ir = 0; ir < mcur; ir += MR) {
            int rows = Math.min(MR, mcur - ir);
            int base = ir * kc;
            int origin = a.offset() + (i0 + ir) * rs + p0 * cs;
            if (rows < MR) {
                Arrays.fill(dst, base, base + kc * MR, 0f);
            }
            if (cs == 1) {
                // row-major A: each row is contiguous along the depth
                for (int r = 0; r < rows; r++) {
                    int s = origin + r * rs;
                    for (int p = 0; p < kc; p++) {
                        dst[base + p * MR + r] = src[s + p];
                    }
                }
            } else if (rows == MR && rs == 1) {
                // stored transposed: MR consecutive floats per depth step
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(src, origin + p * cs, dst, base + p * MR, MR);
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    for (int r = 0; r < rows; r++) {
                        dst[base + p * MR + r] = src[origin + p * cs + r * rs];
                    }
                }
            }
        }
    }

    /** Packs micro-panels {@code [from, to)} of B's block (depth {@code [p0, p0+kc)}, columns from {@code j0}). */
    static void packB(Operand b, int p0, int kc, int j0, int ncur, int from, int to, float[] dst) {
        float[] src = b.data();
        int rs = b.rowStride();
        int cs = b.colStride();
        for (int jp = from; jp < to; jp++) {
            int cols = Math.min(NR, ncur - jp * NR);
            int base = jp * kc * NR;
            int origin = b.offset() + p0 * rs + (j0 + jp * NR) * cs;
            if (cols < NR) {
                Arrays.fill(dst, base, base + kc * NR, 0f);
            }
            if (cs == 1) {
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(src, origin + p * rs, dst, base + p * NR, cols);
                }
            } else {
                // stored transposed: each column of op(B) is contiguous along the depth
                for (int j = 0; j < cols; j++) {
                    int s = origin + j * cs;
                    for (int p = 0; p < kc; p++) {
                        dst[base + p * NR + j] = src[s + p * rs];
                    }
                }
            }
        }
    }

    /** A block size, overridable by a system property for tuning, rounded down to a positive multiple. */
    private static int tuning(String property, int fallback, int multiple) {
        int v = Integer.getInteger(property, fallback);
        return Math.max(multiple, v / multiple * multiple);
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static int roundUp(int a, int multiple) {
        return ceilDiv(a, multiple) * multiple;
    }
}
