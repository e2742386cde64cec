package dev.seedling.tensor;

import java.util.Locale;

/** PyTorch-style printing: {@code tensor([[1.0000, 2.0000], ...], grad_fn=<mul>)}; large tensors are elided. */
final class TensorFormat {
    private static final int ELIDE_ABOVE = 1000;
    private static final int EDGE = 3;

    private TensorFormat() {
    }

    static String format(Tensor t) {
        if (t.isReleased()) {
            return "tensor(<released>, shape=" + t.shape() + ")";
        }
        boolean integral = t.dtype().isIntegral();
        double[] v = integral ? values(t.toLongArray()) : values(t.toFloatArray());   // I64 past 2^24 stays exact
        boolean elide = v.length > ELIDE_ABOVE;
        String fmt = integral ? "%.0f" : floatFormat(v, t.shape(), elide);
        int width = 0;
        for (double f : v) {
            width = Math.max(width, cell(fmt, f).length());
        }
        StringBuilder sb = new StringBuilder("tensor(");
        if (t.rank() == 0) {
            sb.append(cell(fmt, v[0]));
        } else {
            append(sb, v, t.dims(), 0, 0, width, fmt, elide, "tensor(".length());
        }
        if (t.dtype() != DType.F32 && t.dtype() != DType.I64) {
            sb.append(", dtype=").append(t.dtype());
        }
        if (!"cpu".equals(t.backend().name())) {
            sb.append(", backend=").append(t.backend().name());
        }
        if (t.gradFnName() != null) {
            sb.append(", grad_fn=<").append(t.gradFnName()).append('>');
        } else if (t.requiresGrad()) {
            sb.append(", requires_grad=true");
        }
        return sb.append(')').toString();
    }

    private static double[] values(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static double[] values(long[] l) {
        double[] d = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            d[i] = l[i];
        }
        return d;
    }

    private static String floatFormat(double[] v, Shape shape, boolean elide) {
        double maxAbs = 0;
        double minAbs = Double.MAX_VALUE;
        boolean allIntegers = true;
        for (double f : v) {
            if (!Double.isFinite(f)) {
                continue;
            }
            double a = Math.abs(f);
            maxAbs = Math.max(maxAbs, a);
            if (a > 0) {
                minAbs = Math.min(minAbs, a);
            }
            allIntegers &= f == Math.rint(f);
        }
        if (maxAbs >= 1e8 || (minAbs < 1e-4 && minAbs != Double.MAX_VALUE) || (maxAbs > 0 && maxAbs / minAbs > 1e6)) {
            return "%.4e";
        }
        return allIntegers ? "%.0f." : "%.4f";
    }

    private static String cell(String fmt, double f) {
        if (Double.isNaN(f)) {
            return "nan";
        }
        if (Double.isInfinite(f)) {
            return f > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, fmt, f);
    }

    private static void append(StringBuilder sb, double[] v, int[] dims, int dim, int base, int width, String fmt,
                               boolean elide, int indent) {
        int n = dims[dim];
        int stride = 1;
        for (int i = dim + 1; i < dims.length; i++) {
            stride *= dims[i];
        }
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (elide && n > 2 * EDGE && i == EDGE) {
                sb.append(dim == dims.length - 1 ? "..., " : "...,\n" + " ".repeat(indent + dim + 1));
                i = n - EDGE - 1;
                continue;
            }
            if (dim == dims.length - 1) {
                String c = cell(fmt, v[base + i]);
                sb.append(" ".repeat(Math.max(0, width - c.length()))).append(c);
            } else {
                append(sb, v, dims, dim + 1, base + i * stride, width, fmt, elide, indent);
            }
            if (i < n - 1) {
                sb.append(dim == dims.length - 1 ? ", " : "," + "\n".repeat(dims.length - 1 - dim)
                        + " ".repeat(indent + dim + 1));
            }
        }
        sb.append(']');
    }
}
