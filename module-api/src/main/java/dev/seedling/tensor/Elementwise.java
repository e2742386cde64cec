package dev.seedling.tensor;

import dev.seedling.backend.BinaryOp;
import dev.seedling.backend.UnaryOp;

/** Elementwise ops, each forward followed by its backward rule. Binary ops broadcast as NumPy does. */
final class Elementwise {
    private Elementwise() {
    }

    // ---- kernels (no recording) --------------------------------------------------------------------------------

    static Tensor unaryKernel(UnaryOp op, Tensor x) {
        Checks.requireFloat(op.name().toLowerCase(java.util.Locale.ROOT), "input", x);
        Tensor out = Tensor.fresh(x.backend().allocateUninitialised(DType.F32, x.numel()), x.shape());
        x.backend().unary(op, x.dims(), x.strided(), out.storage());
        return out;
    }

    static Tensor binaryKernel(BinaryOp op, Tensor a, Tensor b) {
        String name = op.name().toLowerCase(java.util.Locale.ROOT);
        Checks.requireFloat(name, "left operand", a);
        Checks.requireFloat(name, "right operand", b);
        Checks.sameBackend(name, a, b);
        Shape s = Shape.broadcast(name, a.shape(), b.shape());
        Tensor out = Tensor.fresh(a.backend().allocateUninitialised(DType.F32, s.numel()), s);
        int[] dims = s.toArray();
        a.backend().binary(op, dims, Views.broadcastTo(a, s).strided(), Views.broadcastTo(b, s).strided(),
                out.storage());
        return out;
    }

    // ---- arithmetic --------------------------------------------------------------------------------------------

    static Tensor add(Tensor a, Tensor b) {
        Tensor y = binaryKernel(BinaryOp.ADD, a, b);
        Shape sa = a.shape();
        Shape sb = b.shape();
        return Autograd.record("add", y, g -> new Tensor[]{Reductions.sumTo(g, sa), Reductions.sumTo(g, sb)}, a, b);
    }

    static Tensor sub(Tensor a, Tensor b) {
        Tensor y = binaryKernel(BinaryOp.SUB, a, b);
        Shape sa = a.shape();
        Shape sb = b.shape();
        return Autograd.record("sub", y, g -> new Tensor[]{Reductions.sumTo(g, sa), Reductions.sumTo(g.neg(), sb)},
                a, b);
    }

    static Tensor mul(Tensor a, Tensor b) {
        Tensor y = binaryKernel(BinaryOp.MUL, a, b);
        return Autograd.record("mul", y, g -> new Tensor[]{
                a.requiresGrad() ? Reductions.sumTo(g.mul(b), a.shape()) : null,
                b.requiresGrad() ? Reductions.sumTo(g.mul(a), b.shape()) : null}, a, b);
    }

    static Tensor div(Tensor a, Tensor b) {
        Tensor y = binaryKernel(BinaryOp.DIV, a, b);
        return Autograd.record("div", y, g -> new Tensor[]{
                a.requiresGrad() ? Reductions.sumTo(g.div(b), a.shape()) : null,
                b.requiresGrad() ? Reductions.sumTo(g.mul(y).div(b).neg(), b.shape()) : null}, a, b);
    }

    static Tensor pow(Tensor a, Tensor b) {
        Tensor y = binaryKernel(BinaryOp.POW, a, b);
        return Autograd.record("pow", y, g -> {
            Tensor zero = g.scalarLike(0f);
            // d/da a^b = b * a^(b-1), taken as 0 where b == 0 (PyTorch; avoids 0·0^-1 = NaN)
            Tensor da = a.requiresGrad() ? Reductions.sumTo(
                    where(b.eq(zero), zero, g.mul(b).mul(a.pow(b.sub(1f)))), a.shape()) : null;
            // d/db a^b = a^b * ln a, taken as 0 where a == 0 and b >= 0 (PyTorch; avoids 0·log 0 = NaN)
            Tensor db = b.requiresGrad() ? Reductions.sumTo(
                    where(a.eq(zero).mul(b.ge(zero)), zero, g.mul(y).mul(a.log())), b.shape()) : null;
            return new Tensor[]{da, db};
        }, a, b);
    }

    static Tensor maximum(Tensor a, Tensor b) {
        return extremum(BinaryOp.MAX, BinaryOp.GT, "maximum", a, b);
    }

    static Tensor minimum(Tensor a, Tensor b) {
        return extremum(BinaryOp.MIN, BinaryOp.LT, "minimum", a, b);
    }

    private static Tensor extremum(BinaryOp op, BinaryOp wins, String name, Tensor a, Tensor b) {
        Tensor y = binaryKernel(op, a, b);
        return Autograd.record(name, y, g -> {
            // the winner takes the gradient; ties split it evenly, as PyTorch does
            Tensor share = binaryKernel(wins, a, b).add(binaryKernel(BinaryOp.EQ, a, b).mul(0.5f));
            Tensor ga = g.mul(share);
            return new Tensor[]{Reductions.sumTo(ga, a.shape()), Reductions.sumTo(g.sub(ga), b.shape())};
        }, a, b);
    }

    static Tensor clamp(Tensor x, float min, float max) {
        Checks.requireFloat("clamp", "input", x);
        if (min > max) {
            throw new IllegalArgumentException("clamp: min " + min + " is greater than max " + max);
        }
        Tensor lo = x.scalarLike(min);
        Tensor hi = x.scalarLike(max);
        Tensor y = binaryKernel(BinaryOp.MAX, binaryKernel(BinaryOp.MIN, x, hi), lo);
        return Autograd.record("clamp", y, g -> new Tensor[]{
                g.mul(binaryKernel(BinaryOp.GE, x, lo)).mul(binaryKernel(BinaryOp.LE, x, hi))}, x);
    }

    static Tensor compare(BinaryOp op, Tensor a, Tensor b) {
        return binaryKernel(op, a, b);
    }

    static Tensor where(Tensor cond, Tensor a, Tensor b) {
        Checks.requireFloat("where", "condition", cond);
        Checks.requireFloat("where", "first value", a);
        Checks.requireFloat("where", "second value", b);
        Checks.sameBackend("where", cond, a);
        Checks.sameBackend("where", a, b);
        Shape s = Shape.broadcast("where", Shape.broadcast("where", cond.shape(), a.shape()), b.shape());
        Tensor y = Tensor.fresh(a.backend().allocateUninitialised(DType.F32, s.numel()), s);
        a.backend().where(s.toArray(), Views.broadcastTo(cond, s).strided(), Views.broadcastTo(a, s).strided(),
                Views.broadcastTo(b, s).strided(), y.storage());
        return Autograd.record("where", y, g -> {
            Tensor zero = g.scalarLike(0f);
            return new Tensor[]{null,
                    a.requiresGrad() ? Reductions.sumTo(where(cond, g, zero), a.shape()) : null,
                    b.requiresGrad() ? Reductions.sumTo(where(cond, zero, g), b.shape()) : null};
        }, cond, a, b);
    }

    /**
     * {@code sum + g} for the autograd engine, which owns {@code sum} (no other tensor shares its storage): written
     * into {@code sum}'s storage when {@code sum} covers it contiguously from offset 0 and {@code g} has the same shape
     * and lives elsewhere, else a fresh tensor. Saves an allocation per gradient sum (several per transformer block).
     */
    static Tensor accumulateInto(Tensor sum, Tensor g) {
        if (sum.shape().equals(g.shape()) && sum.dtype() == DType.F32 && g.dtype() == DType.F32
                && sum.backend() == g.backend() && sum.storage() != g.storage() && sum.coversStorage()) {
            sum.backend().binary(BinaryOp.ADD, sum.shape().toArray(), sum.strided(), g.strided(), sum.storage());
            return sum;
        }
        return binaryKernel(BinaryOp.ADD, sum, g);
    }

    static Tensor addInPlace(Tensor x, Tensor other, float alpha) {
        Checks.noGradInPlace("addInPlace", x);
        Tensor update = alpha == 1f ? binaryKernel(BinaryOp.ADD, x, other)
                : binaryKernel(BinaryOp.ADD, x, binaryKernel(BinaryOp.MUL, other, x.scalarLike(alpha)));
        if (!update.shape().equals(x.shape())) {
            throw new ShapeMismatchException("addInPlace: " + other.shape() + " does not broadcast to " + x.shape());
        }
        return Views.copyInto(x, update);
    }

    // ---- unary -------------------------------------------------------------------------------------------------

    static Tensor neg(Tensor x) {
        Tensor y = unaryKernel(UnaryOp.NEG, x);
        return Autograd.record("neg", y, g -> new Tensor[]{g.neg()}, x);
    }

    static Tensor abs(Tensor x) {
        Tensor y = unaryKernel(UnaryOp.ABS, x);
        return Autograd.record("abs", y, g -> new Tensor[]{g.mul(unaryKernel(UnaryOp.SIGN, x))}, x);
    }

    static Tensor exp(Tensor x) {
        Tensor y = unaryKernel(UnaryOp.EXP, x);
        return Autograd.record("exp", y, g -> new Tensor[]{g.mul(y)}, x);
    }

    static Tensor log(Tensor x) {
        Tensor y = unaryKernel(UnaryOp.LOG, x);
        return Autograd.record("log", y, g -> new Tensor[]{g.div(x)}, x);
    }

    static Tensor sqrt(Tensor x) {
        Tensor y = unaryKernel(UnaryOp.SQRT, x);
        return Autograd.record("sqrt", y, g -> new Tensor[]{g.div(y.mul(2f))}, x);
    }

    static Tensor rsqrt(Tensor x) {
        Tensor y = unaryKernel(UnaryOp.RSQRT, x);
        // d/dx x^-1/2 = -1/2 x^-3/2 = -1/2 y^3
        return Autograd.record("rsqrt", y, g -> new Tensor[]{g.mul(y.mul(y).mul(y)).mul(-0.5f)}, x);
    }

    static Tensor tanh(Tensor x) {
        Tensor y = unaryKernel(UnaryOp.TANH, x);
        return Autograd.record("tanh", y, g -> new Tensor[]{g.mul(y.mul(y).neg().add(1f))}, x);
    }

    static Tensor sigmoid(Tensor x) {
        Tensor y = unaryKernel(UnaryOp.SIGMOID, x);
        return Autograd.record("sigmoid", y, g -> new Tensor[]{g.mul(y).mul(y.neg().add(1f))}, x);
    }

    static Tensor relu(Tensor x) {
        Tensor y = unaryKernel(UnaryOp.RELU, x);
        return Autograd.record("relu", y, g -> new Tensor[]{g.mul(binaryKernel(BinaryOp.GT, x, x.scalarLike(0f)))},
                x);
    }

    static Tensor gelu(Tensor x) {
        Tensor y = unaryKernel(UnaryOp.GELU, x);
        return Autograd.record("gelu", y, g -> new Tensor[]{g.mul(unaryKernel(UnaryOp.GELU_GRAD, x))}, x);
    }

    static Tensor silu(Tensor x) {
        Tensor y = unaryKernel(UnaryOp.SILU, x);
        return Autograd.record("silu", y, g -> {
            // d/dx x·s(x) = s(x)·(1 + x·(1 - s(x)))
            Tensor s = unaryKernel(UnaryOp.SIGMOID, x);
            return new Tensor[]{g.mul(s.mul(x.mul(s.neg().add(1f)).add(1f)))};
        }, x);
    }

    static Tensor sin(Tensor x) {
        Tensor y = unaryKernel(UnaryOp.SIN, x);
        return Autograd.record("sin", y, g -> new Tensor[]{g.mul(unaryKernel(UnaryOp.COS, x))}, x);
    }

    static Tensor cos(Tensor x) {
        Tensor y = unaryKernel(UnaryOp.COS, x);
        return Autograd.record("cos", y, g -> new Tensor[]{g.mul(unaryKernel(UnaryOp.SIN, x)).neg()}, x);
    }
}
