package dev.seedling.cpu;

import dev.seedling.backend.ReduceOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

import java.util.Arrays;

import static dev.seedling.cpu.Simd.F;

/** Reductions, prefix sums and top-k over the middle axis of {@code [outer, n, inner]} blocks. */
final class ReduceKernels {
    private ReduceKernels() {
    }

    static void reduce(ReduceOp op, float[] x, int offset, int outer, int n, int inner, CpuStorage dst) {
        switch (op) {
            case SUM, MAX, MIN -> {
                float[] out = dst.floats();
                if (inner == 1) {
                    Parallel.forRange(outer, n, (from, to) -> {
                        for (int o = from; o < to; o++) {
                            out[o] = reduceRow(op, x, offset + o * n, n);
                        }
                    });
                } else {
                    Parallel.forRange(outer, (long) n * inner, (from, to) -> {
                        for (int o = from; o < to; o++) {
                            reduceColumns(op, x, offset + o * n * inner, n, inner, out, o * inner);
                        }
                    });
                }
            }
            case ARGMAX, ARGMIN -> {
                long[] out = dst.longs();
                boolean max = op == ReduceOp.ARGMAX;
                Parallel.forRange(outer * inner, n, (from, to) -> {
                    for (int p = from; p < to; p++) {
                        int o = p / inner;
                        int i = p % inner;
                        int base = offset + o * n * inner + i;
                        int best = 0;
                        float bv = x[base];
                        for (int j = 1; j < n && bv == bv; j++) {
                            float v = x[base + j * inner];
                            // NaN counts as the extreme, as in PyTorch
                            if (v != v || (max ? v > bv : v < bv)) {
                                best = j;
                                bv = v;
                            }
                        }
                        out[p] = best;
                    }
                });
            }
        }
    }

    static float reduceRow(ReduceOp op, float[] x, int from, int n) {
        int i = 0;
        float r;
        if (n >= F.length()) {
            FloatVector acc = FloatVector.fromArray(F, x, from);
            i = F.length();
            for (int bound = F.loopBound(n); i < bound; i += F.length()) {
                FloatVector v = FloatVector.fromArray(F, x, from + i);
                acc = switch (op) {
                    case SUM -> acc.add(v);
                    case MAX -> acc.max(v);
                    default -> acc.min(v);
                };
            }
            r = switch (op) {
                case SUM -> Simd.sum(acc);
                case MAX -> acc.reduceLanes(VectorOperators.MAX);
                default -> acc.reduceLanes(VectorOperators.MIN);
            };
        } else {
            r = op == ReduceOp.SUM ? 0f : x[from];
        }
        for (; i < n; i++) {
            float v = x[from + i];
            r = switch (op) {
                case SUM -> r + v;
                case MAX -> Math.max(r, v);
                default -> Math.min(r, v);
            };
        }
        return r;
    }

    private static void reduceColumns(ReduceOp op, float[] x, int base, int n, int inner, float[] out, int outOff) {
        System.arraycopy(x, base, out, outOff, inner);
        for (int j = 1; j < n; j++) {
            int row = base + j * inner;
            int i = 0;
            for (int bound = F.loopBound(inner); i < bound; i += F.length()) {
                FloatVector a = FloatVector.fromArray(F, out, outOff + i);
                FloatVector v = FloatVector.fromArray(F, x, row + i);
                (switch (op) {
                    case SUM -> a.add(v);
                    case MAX -> a.max(v);
                    default -> a.min(v);
                }).intoArray(out, outOff + i);
            }
            for (; i < inner; i++) {
                float a = out[outOff + i];
                float v = x[row + i];
                out[outOff + i] = switch (op) {
                    case SUM -> a + v;
                    case MAX -> Math.max(a, v);
                    default -> Math.min(a, v);
                };
            }
        }
    }

    static void cumsum(float[] x, int offset, int outer, int n, int inner, float[] out) {
        Parallel.forRange(outer, (long) n * inner, (from, to) -> {
            for (int o = from; o < to; o++) {
                int base = o * n * inner;
                System.arraycopy(x, offset + base, out, base, inner);
                for (int j = 1; j < n; j++) {
                    int cur = base + j * inner;
                    int prev = cur - inner;
                    int i = 0;
                    for (int bound = F.loopBound(inner); i < bound; i += F.length()) {
                        FloatVector.fromArray(F, out, prev + i).add(FloatVector.fromArray(F, x, offset + cur + i))
                                .intoArray(out, cur + i);
                    }
                    for (; i < inner; i++) {
                        out[cur + i] = out[prev + i] + x[offset + cur + i];
                    }
                }
            }
        });
    }

    static void topk(float[] x, int offset, int outer, int n, int inner, int k, boolean largest,
                     float[] values, long[] indices) {
        Parallel.forRange(outer * inner, (long) n * 8, (from, to) -> {
            long[] keys = new long[n];
            for (int p = from; p < to; p++) {
                int o = p / inner;
                int i = p % inner;
                int base = offset + o * n * inner + i;
                for (int j = 0; j < n; j++) {
                    float v = x[base + j * inner];
                    // sort key: order-preserving int bits of the value (negated for largest), then the index
                    keys[j] = ((long) sortable(largest ? -v : v) << 32) | j;
                }
                if (k > 0 && 4L * k < n) {
                    smallestFirst(keys, n, k);      // O(n log k); the keys are unique, so the order is the sort's
                } else {
                    Arrays.sort(keys);
                }
                int outBase = o * k * inner + i;
                for (int j = 0; j < k; j++) {
                    int idx = (int) keys[j];
                    values[outBase + j * inner] = x[base + idx * inner];
                    indices[outBase + j * inner] = idx;
                }
            }
        });
    }

    /**
     * Leaves the {@code k} smallest of {@code keys[0, n)} in {@code keys[0, k)}, ascending: a bounded max-heap over
     * the first k keys takes each later key that beats its top (memory layers take top-m of thousands of scores).
     */
    private static void smallestFirst(long[] keys, int n, int k) {
        for (int i = k / 2 - 1; i >= 0; i--) {
            siftDown(keys, i, k);
        }
        for (int j = k; j < n; j++) {
            if (keys[j] < keys[0]) {
                keys[0] = keys[j];
                siftDown(keys, 0, k);
            }
        }
        Arrays.sort(keys, 0, k);
    }

    private static void siftDown(long[] heap, int i, int size) {
        long v = heap[i];
        while (true) {
            int c = 2 * i + 1;
            if (c >= size) {
                break;
            }
            if (c + 1 < size && heap[c + 1] > heap[c]) {
                c++;
            }
            if (heap[c] <= v) {
                break;
            }
            heap[i] = heap[c];
            i = c;
        }
        heap[i] = v;
    }

    /** Float bits mapped to an int whose signed order is the float order (NaN sorts beyond +inf). */
    private static int sortable(float v) {
        int bits = Float.floatToIntBits(v == v ? v : Float.POSITIVE_INFINITY);
        if (v != v) {
            bits = Integer.MAX_VALUE;
        }
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }
}
