package dev.seedling.cpu;

import dev.seedling.backend.StorageChecks;
import jdk.incubator.vector.FloatVector;

import static dev.seedling.cpu.Simd.F;

/** Gather and scatter-add along the middle axis of {@code [outer, n, inner]}, with every index bounds-checked. */
final class IndexKernels {
    private IndexKernels() {
    }

    private static int checked(CpuStorage index, int at, int n, String op) {
        long v = index.index(at);
        if (v < 0 || v >= n) {
            throw StorageChecks.indexOutOfRange(op, v, at, n);
        }
        return (int) v;
    }

    static void gather(float[] src, int srcOffset, int outer, int n, int inner, CpuStorage index, int indexOffset,
                       int k, boolean perPosition, float[] dst) {
        if (!perPosition) {
            // validate once, then copy rows of `inner` contiguous values
            int[] rows = rows(index, indexOffset, k, n, "gather");
            Parallel.forRange(outer * k, inner, (from, to) -> {
                for (int p = from; p < to; p++) {
                    int o = p / k;
                    int j = p % k;
                    System.arraycopy(src, srcOffset + (o * n + rows[j]) * inner, dst, p * inner, inner);
                }
            });
            return;
        }
        Parallel.forRange(outer, (long) k * inner, (from, to) -> {
            for (int o = from; o < to; o++) {
                for (int j = 0; j < k; j++) {
                    int at = (o * k + j) * inner;
                    for (int i = 0; i < inner; i++) {
                        int row = checked(index, indexOffset + at + i, n, "gather");
                        dst[at + i] = src[srcOffset + (o * n + row) * inner + i];
                    }
                }
            }
        });
    }

    static void scatterAdd(float[] dst, int outer, int n, int inner, CpuStorage index, int indexOffset, int k,
                           boolean perPosition, float[] src, int srcOffset) {
        if (!perPosition) {
            int[] rows = rows(index, indexOffset, k, n, "scatterAdd");
            // rows may repeat, so threads split the outer axis (or, with one outer block, the columns)
            if (outer > 1) {
                Parallel.forRange(outer, (long) k * inner, (from, to) -> {
                    for (int o = from; o < to; o++) {
                        for (int j = 0; j < k; j++) {
                            axpy(src, srcOffset + (o * k + j) * inner, dst, (o * n + rows[j]) * inner, 0, inner);
                        }
                    }
                });
            } else {
                Parallel.forRange(inner, k, (from, to) -> {
                    for (int j = 0; j < k; j++) {
                        axpy(src, srcOffset + j * inner, dst, rows[j] * inner, from, to);
                    }
                });
            }
            return;
        }
        Parallel.forRange(outer, (long) k * inner, (from, to) -> {
            for (int o = from; o < to; o++) {
                for (int j = 0; j < k; j++) {
                    int at = (o * k + j) * inner;
                    for (int i = 0; i < inner; i++) {
                        int row = checked(index, indexOffset + at + i, n, "scatterAdd");
                        dst[(o * n + row) * inner + i] += src[srcOffset + at + i];
                    }
                }
            }
        });
    }

    /** The {@code k} row numbers of a per-row index, each checked against {@code n}. */
    private static int[] rows(CpuStorage index, int offset, int k, int n, String op) {
        int[] rows = new int[k];
        for (int j = 0; j < k; j++) {
            rows[j] = checked(index, offset + j, n, op);
        }
        return rows;
    }

    /** {@code dst[d + i] += src[s + i]} for {@code i} in {@code [from, to)}. */
    private static void axpy(float[] src, int s, float[] dst, int d, int from, int to) {
        int i = from;
        for (int bound = from + F.loopBound(to - from); i < bound; i += F.length()) {
            FloatVector.fromArray(F, dst, d + i).add(FloatVector.fromArray(F, src, s + i)).intoArray(dst, d + i);
        }
        for (; i < to; i++) {
            dst[d + i] += src[s + i];
        }
    }
}
