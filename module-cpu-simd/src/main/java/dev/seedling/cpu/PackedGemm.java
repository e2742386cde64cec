package dev.seedling.cpu;

import java.util.Arrays;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import static dev.seedling.cpu.GemmMicroKernel.MR;
import static dev.seedling.cpu.GemmMicroKernel.NR;
import static dev.seedling.cpu.Simd.F;
import static dev.seedling.cpu.Simd.L;

/**
 * One SGEMM {@code C = A·B} ({@code m×k} by {@code k×n}, C row-major with leading dimension {@code ldc}) in the BLIS
 * loop order: columns in blocks of {@code NC}, depth in blocks of {@code KC}, rows in blocks of {@code MC}. For each
 * (NC, KC) block B is packed into {@code NR}-column micro-panels (it stays in L2/L3); each {@code MC×KC} block of A
 * is packed into {@code MR}-row micro-panels, and each A micro-panel (in L1) sweeps across the B block's micro-panels,
 * which stream in order. (The other order — one B micro-panel held in L1 while the A block streams past — measured
 * 15–18 % slower at 1024³ on the AVX2 build machine and no faster at the LM's shapes.) Threads either share the packed
 * B blocks and claim row blocks of C, or take one slab of C each with its own packing ({@link #multiply}). Packing
 * reads A and B through strides, so transposed operands cost nothing extra, and pads edges with zeros, so the
 * micro-kernel always runs full blocks.
 *
 * <p>Buffers are per thread and grow to their largest use, then are reused by every later call on that thread.
 */
final class PackedGemm {
    /**
     * Depth of a block: an A and a B micro-panel ({@code KC×(MR+NR)} floats) fill about 27 KiB of a 32 KiB L1, which
     * is 344 at 8 lanes (the 688-deep products in two blocks instead of three, the 1024-deep ones in three instead of
     * four). Against the earlier 256 (a B micro-panel in half of L1), same JVM: 1024×256×688 0.977, 1024³ 0.982,
     * 688×256×1024 1.000 of the time; the LM step 0.929, 0.990 and 0.965 in three runs
     * ({@code tools/bench/lm-step-ab.sh}, docs/PERFORMANCE.md).
     */
    static final int KC = tuning("seedling.gemm.kc", Math.max(64, 27_520 / ((MR + NR) * Float.BYTES)), 1);
    /** Rows of an A block: {@code MC×KC} floats (129 KiB at 8 lanes), a quarter of a 512 KiB L2. */
    static final int MC = tuning("seedling.gemm.mc", 24 * MR, MR);
    /** Columns of a B block: {@code KC×NC} floats, a few MiB of L3. */
    static final int NC = tuning("seedling.gemm.nc", 4096 / NR * NR, NR);

    /** Multiply-adds from which a parallel product shares packed B (about 160³; measured, see {@link #shared}). */
    static final long SHARED_VOLUME = 1L << 22;

    /**
     * Row blocks per thread in a {@linkplain #shared shared-B} product: more even out the threads' finishing times
     * (the last block's wait), fewer cost more claims. 12 measured 1.01–1.12× the speed of 6 at most LM shapes.
     */
    static final int SHARED_BLOCKS = tuning("seedling.gemm.sharedBlocks", 12, 1);
    /** Pieces per thread of a shared B block's packing, claimed dynamically like the row blocks. */
    static final int SHARED_PACK_PARTS = tuning("seedling.gemm.sharedPackParts", 4, 1);

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);
    /** One depth step of an A panel ({@code MR = 4} floats) as one vector. */
    private static final VectorSpecies<Float> MR_FLOATS = FloatVector.SPECIES_128;

    private PackedGemm() {
    }

    /** A matrix read through strides: element {@code (i, j)} is {@code data[offset + i·rowStride + j·colStride]}. */
    record Operand(float[] data, int offset, int rowStride, int colStride) {
    }

    /** Per-thread packing space: each thread packs its own A and B blocks and has its own edge tile. */
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
     * Computes {@code C = A·B}, with {@code parallel} on the backend's threads, otherwise on the calling thread alone
     * (callers that already split the work). Large products with at least one row block per thread
     * {@linkplain #shared share packed B}, wide ones too (giving wide products one column slab per thread measured
     * 0.83–0.91 of the shared speed at 256×688×1024, the down projection's weight gradient); smaller ones give each
     * thread one slab of C (rows or columns, whichever duplicates less packing) with its own packing, so the threads
     * meet once per product. Each element of C sees the same sequence of micro-kernel calls whichever way the work is
     * split, so the result does not depend on the threads.
     */
    static void multiply(Operand a, Operand b, float[] c, int cOff, int ldc, int m, int n, int k, boolean parallel) {
        int rowSlabs = Math.min(Parallel.THREADS, ceilDiv(m, MR));
        int colSlabs = Math.min(Parallel.THREADS, ceilDiv(n, NR));
        if (!parallel || Math.max(rowSlabs, colSlabs) < 2) {
            slab(a, b, c, cOff, ldc, m, n, k);
            return;
        }
        if (rowSlabs >= 2 && (long) m * n * k >= SHARED_VOLUME) {
            shared(a, b, c, cOff, ldc, m, n, k);
            return;
        }
        // duplicated packing is of the operand the split does not cut: cut the larger side of C
        boolean byRows = (long) m * colSlabs >= (long) n * rowSlabs;
        int parts = byRows ? rowSlabs : colSlabs;
        int unit = byRows ? MR : NR;
        int extent = byRows ? m : n;
        int units = ceilDiv(extent, unit);
        Parallel.forEachPart(parts, (from, to) -> {
            for (int part = from; part < to; part++) {
                int lo = Math.min(extent, (int) ((long) units * part / parts) * unit);
                int hi = Math.min(extent, (int) ((long) units * (part + 1) / parts) * unit);
                if (lo >= hi) {
                    continue;
                }
                if (byRows) {
                    Operand rows = new Operand(a.data(), a.offset() + lo * a.rowStride(), a.rowStride(), a.colStride());
                    slab(rows, b, c, cOff + lo * ldc, ldc, hi - lo, n, k);
                } else {
                    Operand cols = new Operand(b.data(), b.offset() + lo * b.colStride(), b.rowStride(), b.colStride());
                    slab(a, cols, c, cOff + lo, ldc, m, hi - lo, k);
                }
            }
        });
    }

    /**
     * The parallel product for large products: the threads pack each B block between them into one shared buffer,
     * then claim row blocks of C from a shared counter, each packing its own A block. A thread the machine runs
     * slower (a shared VM's vCPUs differ by up to 60 % within one product) then takes fewer blocks instead of holding
     * up the product, and B is packed once instead of once per thread. Two meetings per depth block: for small
     * products they cost more than the duplicated packing they save (below {@link #SHARED_VOLUME}).
     */
    private static void shared(Operand a, Operand b, float[] c, int cOff, int ldc, int m, int n, int k) {
        Blocking s = Blocking.of(m, n, k);
        // row blocks small enough that the threads can even out (about SHARED_BLOCKS per thread), at most MC rows
        int rowBlock = Math.min(s.mc(), roundUp(ceilDiv(m, Parallel.THREADS * SHARED_BLOCKS), MR));
        int rowBlocks = ceilDiv(m, rowBlock);
        float[] bp = BUFFERS.get().b(s.kc() * s.nc());
        for (int jc = 0; jc < n; jc += s.nc()) {
            int j0 = jc;
            int ncur = Math.min(s.nc(), n - jc);
            int panels = ceilDiv(ncur, NR);
            for (int pc = 0; pc < k; pc += s.kc()) {
                int p0 = pc;
                int kcur = Math.min(s.kc(), k - pc);
                int parts = Math.min(Parallel.THREADS * SHARED_PACK_PARTS, panels);
                Parallel.forEachPart(parts, (from, to) -> {
                    for (int part = from; part < to; part++) {
                        int lo = panels * part / parts;
                        int hi = panels * (part + 1) / parts;
                        int cols = Math.min(ncur, hi * NR) - lo * NR;
                        if (cols > 0) {
                            packB(b, p0, kcur, j0 + lo * NR, cols, bp, lo * kcur * NR);
                        }
                    }
                });
                Parallel.forEachPart(rowBlocks, (from, to) -> {
                    Buffers own = BUFFERS.get();
                    for (int blk = from; blk < to; blk++) {
                        int i0 = blk * rowBlock;
                        int mcur = Math.min(rowBlock, m - i0);
                        packA(a, i0, mcur, p0, kcur, own.a);
                        block(own, bp, c, cOff + i0 * ldc + j0, ldc, mcur, kcur, ncur, p0 > 0);
                    }
                });
            }
        }
    }

    /** Block sizes for one product: {@code KC}, {@code MC} and {@code NC} evened out over the product's extents. */
    private record Blocking(int kc, int mc, int nc) {
        static Blocking of(int m, int n, int k) {
            int kc = ceilDiv(k, ceilDiv(k, KC));
            int nc = roundUp(ceilDiv(n, ceilDiv(n, NC)), NR);
            int mc = roundUp(ceilDiv(m, ceilDiv(m, MC)), MR);
            return new Blocking(kc, mc, nc);
        }
    }

    /** The blocked product on the calling thread, with that thread's packing buffers. */
    private static void slab(Operand a, Operand b, float[] c, int cOff, int ldc, int m, int n, int k) {
        Blocking s = Blocking.of(m, n, k);
        int kc = s.kc();
        int nc = s.nc();
        int mc = s.mc();
        Buffers own = BUFFERS.get();
        float[] bp = own.b(kc * nc);
        for (int jc = 0; jc < n; jc += nc) {
            int ncur = Math.min(nc, n - jc);
            for (int pc = 0; pc < k; pc += kc) {
                int kcur = Math.min(kc, k - pc);
                packB(b, pc, kcur, jc, ncur, bp, 0);
                for (int i0 = 0; i0 < m; i0 += mc) {
                    int mcur = Math.min(mc, m - i0);
                    packA(a, i0, mcur, pc, kcur, own.a);
                    block(own, bp, c, cOff + i0 * ldc + jc, ldc, mcur, kcur, ncur, pc > 0);
                }
            }
        }
    }

    /**
     * Sweeps the micro-kernel over a packed A block ({@code mcur} rows) and a packed B block ({@code ncur} columns):
     * A micro-panels outside, B micro-panels inside, so C is written along its rows.
     */
    private static void block(Buffers own, float[] bp, float[] c, int cOff, int ldc, int mcur, int kc, int ncur,
                              boolean add) {
        float[] ap = own.a;
        int panels = ceilDiv(ncur, NR);
        for (int ir = 0; ir < mcur; ir += MR) {
            int rows = Math.min(MR, mcur - ir);
            for (int jp = 0; jp < panels; jp++) {
                int cols = Math.min(NR, ncur - jp * NR);
                GemmMicroKernel.run(kc, ap, ir * kc, bp, jp * kc * NR, c, cOff + ir * ldc + jp * NR, ldc, rows, cols,
                        add, own.tile);
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
                // row-major A: each row is contiguous along the depth; eight steps at a time by register transpose
                int p0v = 0;
                if (rows == MR && PanelTranspose.AVAILABLE) {
                    for (; p0v + 8 <= kc; p0v += 8) {
                        PanelTranspose.block4x8(src, origin + p0v, rs, dst, base + p0v * MR);
                    }
                }
                for (int r = 0; r < rows; r++) {
                    int s = origin + r * rs;
                    for (int p = p0v; p < kc; p++) {
                        dst[base + p * MR + r] = src[s + p];
                    }
                }
            } else if (rows == MR && rs == 1) {
                // stored transposed: MR consecutive floats per depth step, one 128-bit move each
                for (int p = 0; p < kc; p++) {
                    FloatVector.fromArray(MR_FLOATS, src, origin + p * cs).intoArray(dst, base + p * MR);
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

    /**
     * Packs B's block (depth {@code [p0, p0+kc)}, columns {@code [j0, j0+ncur)}) as {@code [panel][kc][NR]},
     * zero-padded, into {@code dst} from {@code dstOff}.
     */
    static void packB(Operand b, int p0, int kc, int j0, int ncur, float[] dst, int dstOff) {
        float[] src = b.data();
        int rs = b.rowStride();
        int cs = b.colStride();
        for (int jp = 0, panels = ceilDiv(ncur, NR); jp < panels; jp++) {
            int cols = Math.min(NR, ncur - jp * NR);
            int base = dstOff + jp * kc * NR;
            int origin = b.offset() + p0 * rs + (j0 + jp * NR) * cs;
            if (cols < NR) {
                Arrays.fill(dst, base, base + kc * NR, 0f);
            }
            if (cs == 1 && cols == NR) {
                // a full panel of row-major B: two vectors per depth step (arraycopy's call costs more than 64 bytes)
                for (int p = 0; p < kc; p++) {
                    int s = origin + p * rs;
                    int d = base + p * NR;
                    FloatVector.fromArray(F, src, s).intoArray(dst, d);
                    FloatVector.fromArray(F, src, s + L).intoArray(dst, d + L);
                }
            } else if (cs == 1) {
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(src, origin + p * rs, dst, base + p * NR, cols);
                }
            } else {
                // stored transposed: each column of op(B) is contiguous along the depth. With unit depth stride, 8×8
                // blocks by register transpose; then four depth steps per pass over the columns, so each column's
                // read is four consecutive floats
                int p = 0;
                if (rs == 1 && cols == NR && NR % 8 == 0 && PanelTranspose.AVAILABLE) {
                    for (; p + 8 <= kc; p += 8) {
                        for (int j = 0; j < NR; j += 8) {
                            PanelTranspose.block8(src, origin + j * cs + p, cs, dst, base + p * NR + j, NR);
                        }
                    }
                }
                for (; p + 4 <= kc; p += 4) {
                    int d = base + p * NR;
                    for (int j = 0; j < cols; j++) {
                        int s = origin + j * cs + p * rs;
                        dst[d + j] = src[s];
                        dst[d + NR + j] = src[s + rs];
                        dst[d + 2 * NR + j] = src[s + 2 * rs];
                        dst[d + 3 * NR + j] = src[s + 3 * rs];
                    }
                }
                for (; p < kc; p++) {
                    for (int j = 0; j < cols; j++) {
                        dst[base + p * NR + j] = src[origin + j * cs + p * rs];
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
