package dev.seedling.opencl;

import java.util.List;

/**
 * Tile sizes of the SGEMM kernel (sgemm.cl): a work-group computes a {@code tm × tn} tile of C through {@code tk}-deep
 * slabs in local memory; each work-item a {@code rm × rn} register block, so the group is {@code (tn/rn) × (tm/rm)}.
 * The kernel reads and writes float4s, so every size is a positive multiple of 4.
 */
record SgemmConfig(int tm, int tn, int tk, int rm, int rn) {
    /** Runs on any OpenCL 1.2 device (64 work-items, 4.6 KB of local memory). */
    static final SgemmConfig DEFAULT = new SgemmConfig(32, 32, 16, 4, 4);

    /** What the autotuner tries. */
    static final List<SgemmConfig> CANDIDATES = List.of(DEFAULT,
            new SgemmConfig(64, 64, 16, 4, 4),
            new SgemmConfig(64, 64, 16, 8, 8),
            new SgemmConfig(128, 64, 16, 8, 4),
            new SgemmConfig(64, 128, 16, 8, 8),
            new SgemmConfig(128, 128, 8, 8, 8),
            new SgemmConfig(128, 128, 16, 8, 8),
            new SgemmConfig(128, 128, 32, 8, 8),
            new SgemmConfig(128, 256, 16, 8, 16),
            new SgemmConfig(256, 128, 16, 16, 8));

    SgemmConfig {
        for (int v : new int[]{tm, tn, tk, rm, rn}) {
            if (v <= 0 || v % 4 != 0) {
                throw new IllegalArgumentException("SGEMM tiles " + tm + "x" + tn + "x" + tk + "/" + rm + "x" + rn
                        + ": every size must be a positive multiple of 4");
            }
        }
        if (tm % rm != 0 || tn % rn != 0) {
            throw new IllegalArgumentException("SGEMM tiles " + tm + "x" + tn + "x" + tk + "/" + rm + "x" + rn
                    + ": the register block must divide the tile");
        }
    }

    int localX() {
        return tn / rn;
    }

    int localY() {
        return tm / rm;
    }

    long localMemBytes() {
        return 4L * tk * (tm + 4 + tn + 4);   // rows padded by one float4 (sgemm.cl's PAD)
    }

    boolean fits(ClDevice d) {
        return (long) localX() * localY() <= d.maxWorkGroupSize() && localMemBytes() <= d.localMemBytes();
    }

    String options() {
        return "-DTM=" + tm + " -DTN=" + tn + " -DTK=" + tk + " -DRM=" + rm + " -DRN=" + rn;
    }

    /** "64x64x16/4x4". */
    @Override
    public String toString() {
        return tm + "x" + tn + "x" + tk + "/" + rm + "x" + rn;
    }

    static SgemmConfig parse(String s) {
        String[] p = s.trim().split("[x/]");
        return new SgemmConfig(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]),
                Integer.parseInt(p[3]), Integer.parseInt(p[4]));
    }
}
