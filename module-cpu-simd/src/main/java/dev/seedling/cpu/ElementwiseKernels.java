package dev.seedling.cpu;

import dev.seedling.backend.BinaryOp;
import dev.seedling.backend.Strided;
import dev.seedling.backend.UnaryOp;
import jdk.incubator.vector.FloatVector;

import static dev.seedling.cpu.Simd.F;

/** Unary, binary and select kernels: vectorised for unit-stride and broadcast rows, scalar otherwise. */
final class ElementwiseKernels {
    private static final float INV_SQRT2 = (float) (1 / Math.sqrt(2));
    private static final float INV_SQRT_2PI = (float) (1 / Math.sqrt(2 * Math.PI));

    private ElementwiseKernels() {
    }

    static void unary(UnaryOp op, int[] shape, Strided src, float[] dst) {
        float[] x = CpuStorage.of(src.storage()).floats();
        StridedLoop.run(shape, new int[]{src.offset()}, new int[][]{src.strides()}, (out, offs, steps, len) -> {
            int xo = offs[0];
            int step = steps[0];
            int i = 0;
            if (step == 1 && vectorizable(op)) {
                for (int bound = F.loopBound(len); i < bound; i += F.length()) {
                    unaryVector(op, FloatVector.fromArray(F, x, xo + i)).intoArray(dst, out + i);
                }
            }
            for (; i < len; i++) {
                dst[out + i] = unaryScalar(op, x[xo + i * step]);
            }
        });
    }

    private static boolean vectorizable(UnaryOp op) {
        return switch (op) {
            // LOG, TANH, SIN, COS run lane by lane through Math/StrictMath: the Vector API's transcendental
            // lanewise ops round differently once the JIT has compiled them, which would make training results depend
            // on JIT timing (a resumed run must equal the uninterrupted one bit for bit)
            case NEG, ABS, EXP, SQRT, RSQRT, SIGMOID, RELU, SILU -> true;
            default -> false;
        };
    }

    private static FloatVector unaryVector(UnaryOp op, FloatVector v) {
        return switch (op) {
            case NEG -> v.neg();
            case ABS -> v.abs();
            case EXP -> Simd.exp(v);
            case SQRT -> v.sqrt();
            case RSQRT -> FloatVector.broadcast(F, 1f).div(v.sqrt());
            case SIGMOID -> sigmoid(v);
            case RELU -> v.max(0f);
            case SILU -> v.mul(sigmoid(v));
            default -> throw new AssertionError(op);
        };
    }

    private static FloatVector sigmoid(FloatVector v) {
        return FloatVector.broadcast(F, 1f).div(Simd.exp(v.neg()).add(1f));
    }

    static float unaryScalar(UnaryOp op, float x) {
        return switch (op) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case EXP -> (float) Math.exp(x);
            case LOG -> (float) Math.log(x);
            case SQRT -> (float) Math.sqrt(x);
            case RSQRT -> (float) (1 / Math.sqrt(x));
            case TANH -> (float) StrictMath.tanh(x);
            case SIGMOID -> (float) (1 / (1 + Math.exp(-x)));
            case RELU -> x > 0 ? x : (x == x ? 0f : x);
            case GELU -> (float) (0.5 * x * (1 + erf(x * INV_SQRT2)));
            case GELU_GRAD -> (float) (0.5 * (1 + erf(x * INV_SQRT2)) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x));
            case SILU -> (float) (x / (1 + Math.exp(-x)));
            case SIN -> (float) Math.sin(x);
            case COS -> (float) Math.cos(x);
            case SIGN -> Math.signum(x);
        };
    }

    /** erf to about 1e-15 relative in double: series near 0, continued-fraction-free complement via erfc below. */
    static double erf(double x) {
        double ax = Math.abs(x);
        if (ax < 2.5) {
            // Maclaurin series: erf x = 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1))
            double term = ax;
            double sum = ax;
            double x2 = ax * ax;
            for (int n = 1; n < 60; n++) {
                term *= -x2 / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            double r = 2 / Math.sqrt(Math.PI) * sum;
            return x < 0 ? -r : r;
        }
        // asymptotic continued fraction for erfc (Lentz), accurate for |x| >= 2.5
        double f = ax;
        double c = ax;
        double d = 0;
        for (int n = 1; n < 200; n++) {
            double an = n / 2.0;
            d = ax + an * d;
            d = d == 0 ? 1e-300 : 1 / d;
            c = ax + an / c;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        double erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
        double r = 1 - erfc;
        return x < 0 ? -r : r;
    }

    static void binary(BinaryOp op, int[] shape, Strided a, Strided b, float[] dst) {
        float[] x = CpuStorage.of(a.storage()).floats();
        float[] y = CpuStorage.of(b.storage()).floats();
        boolean vec = switch (op) {
            case ADD, SUB, MUL, DIV, MAX, MIN -> true;
            default -> false;
        };
        StridedLoop.run(shape, new int[]{a.offset(), b.offset()}, new int[][]{a.strides(), b.strides()},
                (out, offs, steps, len) -> {
                    int xo = offs[0];
                    int yo = offs[1];
                    int sx = steps[0];
                    int sy = steps[1];
                    int i = 0;
                    // one loop per operand form: a vector that is either broadcast or null in one loop (a phi of
                    // a vector and null) once crashed C2 in JDK 25.0.3 ("fatal error: DEBUG MESSAGE" in compiled
                    // code of this lambda), and the forms need no per-iteration choice
                    int bound = vec ? F.loopBound(len) : 0;
                    if (sx == 1 && sy == 1) {
                        for (; i < bound; i += F.length()) {
                            binaryVector(op, FloatVector.fromArray(F, x, xo + i), FloatVector.fromArray(F, y, yo + i))
                                    .intoArray(dst, out + i);
                        }
                    } else if (sx == 0 && sy == 1) {
                        FloatVector vx = FloatVector.broadcast(F, x[xo]);
                        for (; i < bound; i += F.length()) {
                            binaryVector(op, vx, FloatVector.fromArray(F, y, yo + i)).intoArray(dst, out + i);
                        }
                    } else if (sx == 1 && sy == 0) {
                        FloatVector vy = FloatVector.broadcast(F, y[yo]);
                        for (; i < bound; i += F.length()) {
                            binaryVector(op, FloatVector.fromArray(F, x, xo + i), vy).intoArray(dst, out + i);
                        }
                    }
                    for (; i < len; i++) {
                        dst[out + i] = binaryScalar(op, x[xo + i * sx], y[yo + i * sy]);
                    }
                });
    }

    private static FloatVector binaryVector(BinaryOp op, FloatVector a, FloatVector b) {
        return switch (op) {
            case ADD -> a.add(b);
            case SUB -> a.sub(b);
            case MUL -> a.mul(b);
            case DIV -> a.div(b);
            case MAX -> a.max(b);
            case MIN -> a.min(b);
            default -> throw new AssertionError(op);
        };
    }

    static float binaryScalar(BinaryOp op, float a, float b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> (float) Math.pow(a, b);
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            case EQ -> a == b ? 1f : 0f;
            case NE -> a != b ? 1f : 0f;
            case LT -> a < b ? 1f : 0f;
            case LE -> a <= b ? 1f : 0f;
            case GT -> a > b ? 1f : 0f;
            case GE -> a >= b ? 1f : 0f;
        };
    }

    static void where(int[] shape, Strided cond, Strided a, Strided b, float[] dst) {
        float[] c = CpuStorage.of(cond.storage()).floats();
        float[] x = CpuStorage.of(a.storage()).floats();
        float[] y = CpuStorage.of(b.storage()).floats();
        StridedLoop.run(shape, new int[]{cond.offset(), a.offset(), b.offset()},
                new int[][]{cond.strides(), a.strides(), b.strides()}, (out, offs, steps, len) -> {
                    for (int i = 0; i < len; i++) {
                        dst[out + i] = c[offs[0] + i * steps[0]] != 0 ? x[offs[1] + i * steps[1]]
                                : y[offs[2] + i * steps[2]];
                    }
                });
    }
}
