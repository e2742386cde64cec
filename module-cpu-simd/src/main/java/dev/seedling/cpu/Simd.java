package dev.seedling.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector species every kernel uses: {@link FloatVector#SPECIES_PREFERRED}, or the width named by the system
 * property {@code seedling.cpu.vectorBits} (64, 128, 256 or 512) — wider is not always faster.
 */
final class Simd {
    static final VectorSpecies<Float> F = choose();
    static final int L = F.length();

    private Simd() {
    }

    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5·2²³: adding and subtracting it rounds a float to the nearest integer. */
    private static final float ROUNDER = 12582912f;

    /**
     * {@code e^x} lane-wise from adds, multiplies, FMAs and bit operations only (Cephes' {@code expf}: {@code x = n·ln2 + r},
     * a degree-6 polynomial in {@code r}, {@code 2^n} from the exponent bits; within 2 ulp). Unlike
     * {@code lanewise(EXP)}, whose compiled form (SVML) and interpreted form ({@code Math.exp} per lane) round
     * differently, every operation here is exactly rounded in both, so results do not depend on whether the JIT has
     * compiled the caller yet: training runs stay bit-reproducible (a resumed run equals the uninterrupted one).
     * Below -87.3 the result is 0, above 88.7 infinity, NaN stays NaN.
     */
    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(-87.3f).min(88.7f);
        FloatVector n = xc.fma(LOG2E, ROUNDER).sub(ROUNDER);
        FloatVector r = n.fma(FloatVector.broadcast(F, -LN2_HI), xc);
        r = n.fma(FloatVector.broadcast(F, -LN2_LO), r);
        FloatVector p = FloatVector.broadcast(F, 1.9875691500e-4f);
        p = p.fma(r, FloatVector.broadcast(F, 1.3981999507e-3f));
        p = p.fma(r, FloatVector.broadcast(F, 8.3334519073e-3f));
        p = p.fma(r, FloatVector.broadcast(F, 4.1665795894e-2f));
        p = p.fma(r, FloatVector.broadcast(F, 1.6666665459e-1f));
        p = p.fma(r, FloatVector.broadcast(F, 5.0000001201e-1f));
        FloatVector y = p.fma(r.mul(r), r).add(1f);
        IntVector bits = ((IntVector) n.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23);
        FloatVector result = y.mul(bits.reinterpretAsFloats());
        return result.blend(0f, x.lt(-87.3f)).blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, 88.7f));
    }

    /** {@code SWAP[h]} pairs lane i with lane i ^ h. */
    private static final VectorShuffle<Float>[] SWAP = swaps();

    /**
     * The sum of the lanes of {@code v}, added as a fixed pairwise tree (lane i with lane i ^ L/2, then ^ L/4, ...).
     * {@code reduceLanes(ADD)} may add in any order, and the JIT-compiled and interpreted forms do differ in the
     * last bit; this form is made of exact lane permutations and lanewise adds only, so the result is the same
     * whether or not the caller has been compiled yet.
     */
    static float sum(FloatVector v) {
        for (int h = L / 2; h >= 1; h /= 2) {
            v = v.add(v.rearrange(SWAP[h]));
        }
        return v.lane(0);
    }

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] swaps() {
        VectorShuffle<Float>[] s = new VectorShuffle[L];
        for (int h = 1; h < L; h *= 2) {
            int half = h;
            s[h] = VectorShuffle.fromOp(F, i -> i ^ half);
        }
        return s;
    }

    private static VectorSpecies<Float> choose() {
        String bits = System.getProperty("seedling.cpu.vectorBits");
        if (bits == null || bits.isBlank()) {
            return FloatVector.SPECIES_PREFERRED;
        }
        int b = Integer.parseInt(bits.trim());
        VectorSpecies<Float> s = VectorSpecies.of(float.class, VectorShape.forBitSize(b));
        if (s.vectorBitSize() > FloatVector.SPECIES_PREFERRED.vectorBitSize()) {
            throw new IllegalArgumentException("seedling.cpu.vectorBits=" + b + " is wider than this CPU's preferred "
                    + FloatVector.SPECIES_PREFERRED.vectorBitSize() + " bits");
        }
        return s;
    }
}
