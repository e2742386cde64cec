package dev.seedling.autograd;

import dev.seedling.Seedling;
import dev.seedling.tensor.DType;
import dev.seedling.tensor.Generator;
import dev.seedling.tensor.Tensor;

import java.util.function.Function;

/**
 * Finite-difference check of backward rules. The function's output is reduced to a scalar with fixed random weights
 * {@code L = Σ f(x)·R}; the analytic gradient from {@link Tensor#backward(Tensor)} is compared with central
 * differences {@code (L(x+h) - L(x-h)) / 2h} accumulated in double precision, element by element, for every F32 input.
 * Integer inputs (indices) are passed through unperturbed. Pick inputs away from kinks (relu at 0, ties in max).
 */
public final class GradCheck {
    private GradCheck() {
    }

    /** Step and tolerances: passes when {@code |analytic - numeric| <= atol + rtol·|numeric|} everywhere. */
    public record Options(double step, double atol, double rtol, long seed) {
        /** Defaults suited to float32 arithmetic. */
        public static final Options DEFAULT = new Options(1e-2, 2e-3, 2e-2, 42);
    }

    /**
     * The worst disagreement found.
     *
     * @param input   index of the input holding the worst element
     * @param element flat index of that element
     */
    public record Result(boolean passed, double maxError, int input, int element, double analytic, double numeric) {
        @Override
        public String toString() {
            return (passed ? "passed" : "FAILED") + String.format(" (worst: input %d element %d analytic %.6g numeric "
                    + "%.6g, error %.3g)", input, element, analytic, numeric, maxError);
        }
    }

    /** Checks {@code f} at {@code inputs} with {@link Options#DEFAULT}. */
    public static Result check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return check(Options.DEFAULT, f, inputs);
    }

    /** Checks {@code f} at {@code inputs}; inputs are not modified. */
    public static Result check(Options options, Function<Tensor[], Tensor> f, Tensor... inputs) {
        Tensor[] leaves = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            leaves[i] = inputs[i].detach().clone();
            if (inputs[i].dtype() == DType.F32) {
                leaves[i].requiresGrad(true);
            }
        }
        Tensor out = f.apply(leaves);
        Tensor weights;
        try (var s = Seedling.use(out.backend())) {
            weights = Tensor.randn(new Generator(options.seed()), out.dims());
        }
        float[] r = weights.toFloatArray();
        out.backward(weights);

        Result worst = new Result(true, 0, -1, -1, 0, 0);
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].dtype() != DType.F32) {
                continue;
            }
            float[] analytic = leaves[i].grad() == null ? new float[inputs[i].numel()]
                    : leaves[i].grad().toFloatArray();
            float[] base = inputs[i].toFloatArray();
            for (int e = 0; e < base.length; e++) {
                // the float steps actually taken, which differ from the requested step by rounding
                double up = (float) (base[e] + options.step()) - (double) base[e];
                double down = (double) base[e] - (float) (base[e] - options.step());
                double plus = evaluate(f, inputs, i, base, e, options.step(), r);
                double minus = evaluate(f, inputs, i, base, e, -options.step(), r);
                double numeric = (plus - minus) / (up + down);
                double err = Math.abs(analytic[e] - numeric);
                boolean ok = err <= options.atol() + options.rtol() * Math.abs(numeric);
                double excess = err - (options.atol() + options.rtol() * Math.abs(numeric));
                double worstExcess = worst.input < 0 ? Double.NEGATIVE_INFINITY
                        : worst.maxError - (options.atol() + options.rtol() * Math.abs(worst.numeric));
                if (excess > worstExcess) {
                    worst = new Result(worst.passed && ok, err, i, e, analytic[e], numeric);
                } else if (!ok) {
                    worst = new Result(false, worst.maxError, worst.input, worst.element, worst.analytic,
                            worst.numeric);
                }
            }
        }
        return worst;
    }

    private static double evaluate(Function<Tensor[], Tensor> f, Tensor[] inputs, int which, float[] base, int element,
                                   double step, float[] r) {
        Tensor[] args = inputs.clone();
        float[] moved = base.clone();
        moved[element] = (float) (moved[element] + step);
        try (var s = Seedling.use(inputs[which].backend()); var ng = GradMode.noGrad()) {
            args[which] = Tensor.of(moved, inputs[which].dims());
            float[] y = f.apply(args).toFloatArray();
            double sum = 0;
            for (int k = 0; k < y.length; k++) {
                sum += (double) y[k] * r[k];
            }
            return sum;
        }
    }
}
