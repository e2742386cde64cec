package dev.seedling.cpu;

/**
 * Walks an n-d index space as rows of its last dimension, for operands with arbitrary strides (0 for broadcast) and
 * a contiguous output. Adjacent dimensions that are contiguous for every operand are merged first, so contiguous
 * tensors become one long row, which is then split across threads.
 */
final class StridedLoop {
    private StridedLoop() {
    }

    /** One row: output from {@code out}, operand {@code k} from {@code offsets[k]} stepping {@code steps[k]}. */
    @FunctionalInterface
    interface RowBody {
        void row(int out, int[] offsets, int[] steps, int length);
    }

    static void run(int[] shape, int[] baseOffsets, int[][] strides, RowBody body) {
        int operands = baseOffsets.length;
        // merge dimension i into i+1 when every operand steps over i exactly as a block of i+1
        int r = shape.length;
        int[] dims = new int[Math.max(r, 1)];
        int[][] st = new int[operands][Math.max(r, 1)];
        int n = 0;
        long numel = 1;
        for (int i = 0; i < r; i++) {
            numel *= shape[i];
            if (shape[i] == 1) {
                continue;
            }
            if (n > 0) {
                boolean merge = true;
                for (int k = 0; k < operands && merge; k++) {
                    merge = st[k][n - 1] == strides[k][i] * shape[i];
                }
                if (merge) {
                    dims[n - 1] *= shape[i];
                    for (int k = 0; k < operands; k++) {
                        st[k][n - 1] = strides[k][i];
                    }
                    continue;
                }
            }
            dims[n] = shape[i];
            for (int k = 0; k < operands; k++) {
                st[k][n] = strides[k][i];
            }
            n++;
        }
        if (numel == 0) {
            return;
        }
        if (n == 0) {
            dims[0] = 1;
            n = 1;
        }
        final int rank = n;
        final int last = dims[rank - 1];
        final int[] steps = new int[operands];
        for (int k = 0; k < operands; k++) {
            steps[k] = st[k][rank - 1];
        }
        int rows = (int) (numel / last);
        if (rows == 1) {
            Parallel.forRange(last, 1, (from, to) -> {
                int[] offs = new int[operands];
                for (int k = 0; k < operands; k++) {
                    offs[k] = baseOffsets[k] + from * steps[k];
                }
                body.row(from, offs, steps, to - from);
            });
            return;
        }
        Parallel.forRange(rows, last, (from, to) -> {
            int[] idx = new int[rank];
            int[] offs = new int[operands];
            // decompose the first row index of this piece into coordinates
            int rem = from;
            for (int d = rank - 2; d >= 0; d--) {
                idx[d] = rem % dims[d];
                rem /= dims[d];
            }
            for (int k = 0; k < operands; k++) {
                int o = baseOffsets[k];
                for (int d = 0; d < rank - 1; d++) {
                    o += idx[d] * st[k][d];
                }
                offs[k] = o;
            }
            int[] rowOffs = new int[operands];
            for (int row = from; row < to; row++) {
                System.arraycopy(offs, 0, rowOffs, 0, operands);
                body.row(row * last, rowOffs, steps, last);
                // odometer increment over the leading dimensions
                for (int d = rank - 2; d >= 0; d--) {
                    idx[d]++;
                    for (int k = 0; k < operands; k++) {
                        offs[k] += st[k][d];
                    }
                    if (idx[d] < dims[d]) {
                        break;
                    }
                    for (int k = 0; k < operands; k++) {
                        offs[k] -= st[k][d] * dims[d];
                    }
                    idx[d] = 0;
                }
            }
        });
    }
}
