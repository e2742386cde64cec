package dev.seedling.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register transposes for packing GEMM panels out of operands stored along the other axis (a row-major A into
 * {@code [k][MR]} panels, a transposed B into {@code [k][NR]} panels), built from the zip shuffle alone: zipping
 * vector {@code i} with vector {@code i + n/2} for every {@code i}, {@code log2 n} times, transposes {@code n} vectors.
 * An element copy through strided scalar stores cost about four cycles here; these move eight floats per store.
 *
 * <p>They use 256-bit vectors whatever the kernels' species, since the blocks are eight floats wide, and are used
 * only where the hardware has 256-bit vectors ({@link #AVAILABLE}); elsewhere packing copies element by element.
 */
final class PanelTranspose {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    /** Whether 256-bit vectors are native here (and not turned off by {@code -Dseedling.cpu.scalarPacking=true}). */
    static final boolean AVAILABLE = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256
            && !Boolean.getBoolean("seedling.cpu.scalarPacking");
    private static final VectorShuffle<Float> LO = VectorShuffle.makeZip(S, 0);
    private static final VectorShuffle<Float> HI = VectorShuffle.makeZip(S, 1);

    private PanelTranspose() {
    }

    /** {@code dst[d + i·ldd + j] = src[s + j·lds + i]} for {@code i, j < 8}. */
    static void block8(float[] src, int s, int lds, float[] dst, int d, int ldd) {
        FloatVector r0 = FloatVector.fromArray(S, src, s);
        FloatVector r1 = FloatVector.fromArray(S, src, s + lds);
        FloatVector r2 = FloatVector.fromArray(S, src, s + 2 * lds);
        FloatVector r3 = FloatVector.fromArray(S, src, s + 3 * lds);
        FloatVector r4 = FloatVector.fromArray(S, src, s + 4 * lds);
        FloatVector r5 = FloatVector.fromArray(S, src, s + 5 * lds);
        FloatVector r6 = FloatVector.fromArray(S, src, s + 6 * lds);
        FloatVector r7 = FloatVector.fromArray(S, src, s + 7 * lds);
        FloatVector a0 = r0.rearrange(LO, r4), a1 = r0.rearrange(HI, r4);
        FloatVector a2 = r1.rearrange(LO, r5), a3 = r1.rearrange(HI, r5);
        FloatVector a4 = r2.rearrange(LO, r6), a5 = r2.rearrange(HI, r6);
        FloatVector a6 = r3.rearrange(LO, r7), a7 = r3.rearrange(HI, r7);
        FloatVector b0 = a0.rearrange(LO, a4), b1 = a0.rearrange(HI, a4);
        FloatVector b2 = a1.rearrange(LO, a5), b3 = a1.rearrange(HI, a5);
        FloatVector b4 = a2.rearrange(LO, a6), b5 = a2.rearrange(HI, a6);
        FloatVector b6 = a3.rearrange(LO, a7), b7 = a3.rearrange(HI, a7);
        b0.rearrange(LO, b4).intoArray(dst, d);
        b0.rearrange(HI, b4).intoArray(dst, d + ldd);
        b1.rearrange(LO, b5).intoArray(dst, d + 2 * ldd);
        b1.rearrange(HI, b5).intoArray(dst, d + 3 * ldd);
        b2.rearrange(LO, b6).intoArray(dst, d + 4 * ldd);
        b2.rearrange(HI, b6).intoArray(dst, d + 5 * ldd);
        b3.rearrange(LO, b7).intoArray(dst, d + 6 * ldd);
        b3.rearrange(HI, b7).intoArray(dst, d + 7 * ldd);
    }

    /**
     * Four rows of eight into eight steps of four: {@code dst[d + 4·i + j] = src[s + j·lds + i]} for {@code i < 8},
     * {@code j < 4} (32 consecutive floats), the layout of a 4-row A panel.
     */
    static void block4x8(float[] src, int s, int lds, float[] dst, int d) {
        FloatVector r0 = FloatVector.fromArray(S, src, s);
        FloatVector r1 = FloatVector.fromArray(S, src, s + lds);
        FloatVector r2 = FloatVector.fromArray(S, src, s + 2 * lds);
        FloatVector r3 = FloatVector.fromArray(S, src, s + 3 * lds);
        FloatVector a0 = r0.rearrange(LO, r2), a1 = r0.rearrange(HI, r2);
        FloatVector a2 = r1.rearrange(LO, r3), a3 = r1.rearrange(HI, r3);
        a0.rearrange(LO, a2).intoArray(dst, d);
        a0.rearrange(HI, a2).intoArray(dst, d + 8);
        a1.rearrange(LO, a3).intoArray(dst, d + 16);
        a1.rearrange(HI, a3).intoArray(dst, d + 24);
    }
}
