package dev.seedling.cpu;

import dev.seedling.backend.StorageChecks;
import dev.seedling.backend.Strided;
import dev.seedling.tensor.DType;

import java.util.Arrays;

/** Strided copies with dtype conversion, and fills. */
final class CopyKernels {
    private CopyKernels() {
    }

    static void copy(int[] shape, Strided src, Strided dst) {
        CpuStorage s = CpuStorage.of(src.storage());
        CpuStorage d = CpuStorage.of(dst.storage());
        StridedLoop.run(shape, new int[]{src.offset(), dst.offset()}, new int[][]{src.strides(), dst.strides()},
                (out, offs, steps, len) -> {
                    int so = offs[0];
                    int dO = offs[1];
                    int ss = steps[0];
                    int ds = steps[1];
                    if (s.dtype() == d.dtype() && ss == 1 && ds == 1) {
                        System.arraycopy(array(s), so, array(d), dO, len);
                        return;
                    }
                    switch (d.dtype()) {
                        case F32 -> {
                            float[] t = d.floats();
                            if (s.dtype() == DType.F32) {
                                // a strided float copy (a transpose): the source array fetched once, not per element
                                float[] from = s.floats();
                                for (int i = 0; i < len; i++) {
                                    t[dO + i * ds] = from[so + i * ss];
                                }
                            } else {
                                for (int i = 0; i < len; i++) {
                                    t[dO + i * ds] = readFloat(s, so + i * ss);
                                }
                            }
                        }
                        case I32 -> {
                            int[] t = d.ints();
                            for (int i = 0; i < len; i++) {
                                t[dO + i * ds] = (int) readLong(s, so + i * ss);
                            }
                        }
                        case I64 -> {
                            long[] t = d.longs();
                            for (int i = 0; i < len; i++) {
                                t[dO + i * ds] = readLong(s, so + i * ss);
                            }
                        }
                    }
                });
    }

    private static Object array(CpuStorage s) {
        return switch (s.dtype()) {
            case F32 -> s.floats();
            case I32 -> s.ints();
            case I64 -> s.longs();
        };
    }

    private static float readFloat(CpuStorage s, int i) {
        return switch (s.dtype()) {
            case F32 -> s.floats()[i];
            case I32 -> s.ints()[i];
            case I64 -> s.longs()[i];
        };
    }

    private static long readLong(CpuStorage s, int i) {
        return switch (s.dtype()) {
            case F32 -> (long) s.floats()[i];
            case I32 -> s.ints()[i];
            case I64 -> s.longs()[i];
        };
    }

    static void fill(CpuStorage d, int offset, int n, double value) {
        switch (d.dtype()) {
            case F32 -> Arrays.fill(d.floats(), offset, offset + n, (float) value);
            case I32 -> Arrays.fill(d.ints(), offset, offset + n, (int) value);
            case I64 -> Arrays.fill(d.longs(), offset, offset + n, (long) value);
        }
    }

    static void checkRange(CpuStorage s, int offset, int n, String op) {
        StorageChecks.checkRange("cpu", s, offset, n, op);
    }
}
