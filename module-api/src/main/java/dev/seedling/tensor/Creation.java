package dev.seedling.tensor;

import dev.seedling.Seedling;
import dev.seedling.backend.Backend;
import dev.seedling.backend.Strided;

/** Factories and transfers. Random samples are drawn on the host so a seed gives the same tensor on every backend. */
final class Creation {
    private Creation() {
    }

    static Tensor of(Backend backend, float[] data, Shape shape) {
        return Tensor.fresh(backend.upload(data.clone()), shape);
    }

    static Tensor of(float[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] flat = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new ShapeMismatchException("of: row " + i + " has " + rows[i].length + " values but row 0 has "
                        + cols);
            }
            System.arraycopy(rows[i], 0, flat, i * cols, cols);
        }
        return Tensor.fresh(Seedling.backend().upload(flat), Shape.of(rows.length, cols));
    }

    static Tensor full(Backend backend, DType dtype, double value, Shape shape) {
        Tensor t = Tensor.fresh(backend.allocate(dtype, shape.numel()), shape);
        if (value != 0) {
            backend.fill(t.storage(), 0, shape.numel(), value);
        }
        return t;
    }

    static Tensor arangeLong(Backend backend, long start, long end) {
        if (end < start) {
            throw new IllegalArgumentException("arange: end " + end + " is before start " + start);
        }
        long[] v = new long[Math.toIntExact(end - start)];
        for (int i = 0; i < v.length; i++) {
            v[i] = start + i;
        }
        return Tensor.fresh(backend.upload(v), Shape.of(v.length));
    }

    static Tensor arange(Backend backend, double start, double end, double step) {
        if (step == 0 || Double.isNaN(step) || (end - start) / step < 0) {
            throw new IllegalArgumentException("arange: step " + step + " does not lead from " + start + " to " + end);
        }
        int n = (int) Math.ceil((end - start) / step);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (start + i * step);
        }
        return Tensor.fresh(backend.upload(v), Shape.of(n));
    }

    static Tensor eye(Backend backend, int n) {
        float[] v = new float[n * n];
        for (int i = 0; i < n; i++) {
            v[i * n + i] = 1;
        }
        return Tensor.fresh(backend.upload(v), Shape.of(n, n));
    }

    static Tensor triangular(Backend backend, int rows, int cols, int diagonal, boolean lower) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                boolean keep = lower ? j - i <= diagonal : j - i >= diagonal;
                v[i * cols + j] = keep ? 1 : 0;
            }
        }
        return Tensor.fresh(backend.upload(v), Shape.of(rows, cols));
    }

    static Tensor rand(Backend backend, Generator gen, Shape shape) {
        float[] v = new float[shape.numel()];
        for (int i = 0; i < v.length; i++) {
            v[i] = gen.nextFloat();
        }
        return Tensor.fresh(backend.upload(v), shape);
    }

    static Tensor normal(Backend backend, double mean, double std, Generator gen, Shape shape) {
        if (!(std >= 0)) {
            throw new IllegalArgumentException("normal: std must be >= 0 but is " + std);
        }
        float[] v = new float[shape.numel()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (mean + std * gen.nextGaussian());
        }
        return Tensor.fresh(backend.upload(v), shape);
    }

    static Tensor truncatedNormal(Backend backend, double mean, double std, double a, double b, Generator gen,
                                  Shape shape) {
        if (!(a < b) || !(std > 0)) {
            throw new IllegalArgumentException("truncatedNormal: need a < b and std > 0 (a=" + a + ", b=" + b
                    + ", std=" + std + ")");
        }
        if ((b - mean) / std < -6 || (a - mean) / std > 6) {
            throw new IllegalArgumentException("truncatedNormal: [" + a + ", " + b + "] lies more than 6 std from the "
                    + "mean " + mean + "; rejection sampling would not terminate in reasonable time");
        }
        float[] v = new float[shape.numel()];
        for (int i = 0; i < v.length; i++) {
            double x;
            do {
                x = mean + std * gen.nextGaussian();
            } while (x < a || x > b);
            v[i] = (float) x;
        }
        return Tensor.fresh(backend.upload(v), shape);
    }

    static Tensor to(Tensor x, Backend target) {
        if (x.backend() == target) {
            return x;
        }
        Tensor c = x.contiguous();
        Tensor out = switch (x.dtype()) {
            case F32 -> Tensor.fresh(target.upload(c.toFloatArray()), x.shape());
            case I32 -> {
                long[] l = c.toLongArray();
                int[] i = new int[l.length];
                for (int k = 0; k < l.length; k++) {
                    i[k] = (int) l[k];
                }
                yield Tensor.fresh(target.upload(i), x.shape());
            }
            case I64 -> Tensor.fresh(target.upload(c.toLongArray()), x.shape());
        };
        Backend source = x.backend();
        return Autograd.record("to", out, g -> new Tensor[]{g.to(source)}, x);
    }

    static Tensor toType(Tensor x, DType dtype) {
        if (x.dtype() == dtype) {
            return x;
        }
        int[] dims = x.dims();
        Tensor out = Tensor.fresh(x.backend().allocate(dtype, x.numel()), x.shape());
        x.backend().copy(dims, x.strided(), Strided.contiguous(out.storage(), 0, dims));
        return out;
    }
}
