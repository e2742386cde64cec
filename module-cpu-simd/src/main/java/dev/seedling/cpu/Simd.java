package dev.seedling.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
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
