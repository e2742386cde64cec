import dev.seedling.tensor.Generator;
import dev.seedling.tensor.Tensor;
import dev.seedling.tensor.TensorScope;

/**
 * One build's side of {@code LmStepAB} in GEMM mode ({@code AB_GEMM=MxNxK:form tools/bench/lm-step-ab.sh <rev>}): a
 * "step" is as many products of that shape as make about 2 GFLOP, through {@code Tensor.matmul} as {@code bench gemm}
 * runs them ({@code t} = that operand is a transposed view of a matrix stored the other way round).
 */
public final class StepDriver {
    private static Tensor a;
    private static Tensor b;
    private static int products;

    private StepDriver() {
    }

    /** Reads the shape from {@code -Dseedling.ab.gemm} (e.g. {@code 1024x1024x1024:nn}); the argument is unused. */
    public static void init(int unused) {
        String shape = System.getProperty("seedling.ab.gemm");
        var m = java.util.regex.Pattern.compile("(\\d+)x(\\d+)x(\\d+):([nt])([nt])").matcher(shape);
        if (!m.matches()) {
            throw new IllegalArgumentException("AB_GEMM must be MxNxK:nn|nt|tn|tt, got '" + shape + "'");
        }
        int rows = Integer.parseInt(m.group(1));
        int cols = Integer.parseInt(m.group(2));
        int depth = Integer.parseInt(m.group(3));
        Generator g = new Generator(3);
        a = "t".equals(m.group(4)) ? Tensor.rand(g, depth, rows).mT() : Tensor.rand(g, rows, depth);
        b = "t".equals(m.group(5)) ? Tensor.rand(g, cols, depth).mT() : Tensor.rand(g, depth, cols);
        products = (int) Math.max(1, Math.round(2e9 / (2.0 * rows * cols * depth)));
    }

    /** The products of one step; returns their milliseconds. */
    public static double step() {
        long t0 = System.nanoTime();
        for (int i = 0; i < products; i++) {
            try (var scope = TensorScope.open()) {
                a.matmul(b).reshape(-1).narrow(0, 0, 1).toFloatArray();
            }
        }
        return (System.nanoTime() - t0) / 1e6;
    }
}
