package dev.seedling.conformance.pytorch;

import dev.seedling.autograd.GradCheck;
import dev.seedling.conformance.BackendUnderTest;
import dev.seedling.conformance.Layouts;
import dev.seedling.conformance.Tolerances;
import dev.seedling.tensor.DType;
import dev.seedling.tensor.Tensor;
import dev.seedling.tensor.TensorScope;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static dev.seedling.conformance.TensorAssertions.assertClose;
import static dev.seedling.conformance.TensorAssertions.assertLongs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Every op against the PyTorch fixtures, on every backend: forward outputs and input gradients, with inputs laid out
 * contiguously and non-contiguously, plus a finite-difference {@link GradCheck} of every differentiable case.
 */
class PyTorchFixtureTest {
    private static final List<OpFixture> CASES = OpFixture.loadAll();

    @TestFactory
    Stream<DynamicNode> forwardMatchesPyTorch() {
        return perBackendAndCase(false, (b, c) -> () -> {
            checkForward(c, false);
            checkForward(c, true);
        });
    }

    @TestFactory
    Stream<DynamicNode> gradientsMatchPyTorch() {
        return perBackendAndCase(true, (b, c) -> () -> {
            checkGradients(c, false);
            checkGradients(c, true);
        });
    }

    @TestFactory
    Stream<DynamicNode> gradientsPassFiniteDifferenceCheck() {
        return perBackendAndCase(true, (b, c) -> () -> checkFiniteDifferences(c));
    }

    /** Every op of the Foundation issue's list, by its fixture name: the fixtures must keep covering all of them. */
    private static final List<String> ISSUE_OPS = List.of(
            "add", "sub", "mul", "div", "neg", "abs", "exp", "log", "sqrt", "rsqrt", "pow", "powScalar", "tanh",
            "sigmoid", "relu", "gelu", "silu", "sin", "cos", "maximum", "minimum", "where", "eq", "ne", "lt", "le", "gt",
            "ge", "clamp", "sum", "mean", "max", "min", "argmax", "argmin", "var", "matmul", "softmax", "logSoftmax",
            "crossEntropy", "embedding", "indexSelect", "gather", "scatterAdd", "indexAdd", "topk", "cat", "stack",
            "split", "chunk", "maskedFill", "tril", "triu", "oneHot", "cumsum", "rmsNorm", "layerNorm", "reshape",
            "permute", "transpose", "narrow", "select", "expand", "squeeze", "unsqueeze");

    @Test
    void fixturesCoverEveryOpOfTheFoundationIssue() {
        assertThat(CASES.stream().map(OpFixture::op).distinct()).containsAll(ISSUE_OPS);
        assertThat(CASES.stream().filter(OpFixture::hasGradients).map(OpFixture::op).distinct())
                .as("differentiable ops with PyTorch gradients")
                .containsAll(ISSUE_OPS.stream().filter(op -> !op.matches("eq|ne|lt|le|gt|ge|argmax|argmin|oneHot"))
                        .toList());
    }

    private interface CaseBody {
        Executable body(BackendUnderTest backend, OpFixture fixture);
    }

    private static Stream<DynamicNode> perBackendAndCase(boolean differentiableOnly, CaseBody body) {
        return BackendUnderTest.all().map(b -> dynamicContainer(b.name(), CASES.stream()
                .filter(c -> !differentiableOnly || c.hasGradients())
                .map(c -> dynamicTest(c.toString(), () -> {
                    try (var s = b.use(); var scope = TensorScope.open()) {
                        body.body(b, c).execute();
                    }
                }))));
    }

    /** The fixture's inputs on the current backend, contiguous or each in {@link Layouts#strided} form. */
    private static Tensor[] inputs(OpFixture c, boolean strided) {
        Tensor[] in = new Tensor[c.inputs().size()];
        for (int i = 0; i < in.length; i++) {
            OpFixture.Data d = c.inputs().get(i);
            Tensor t = d.toTensor();
            in[i] = strided ? Layouts.strided(t) : t;
            if (d.requiresGrad() && c.hasGradients()) {
                in[i].requiresGrad(true);
            }
        }
        return in;
    }

    private static String label(OpFixture c, boolean strided) {
        return c + (strided ? " (non-contiguous inputs)" : "");
    }

    private static void checkForward(OpFixture c, boolean strided) {
        Tensor[] out = FixtureOps.apply(c.op(), c.args(), inputs(c, strided));
        assertThat(out).as(label(c, strided) + ": number of outputs").hasSize(c.outputs().size());
        for (int i = 0; i < out.length; i++) {
            OpFixture.Data want = c.outputs().get(i);
            String what = label(c, strided) + " output " + i;
            if (want.integral()) {
                long[] l = new long[want.values().length];
                for (int k = 0; k < l.length; k++) {
                    l[k] = (long) want.values()[k];
                }
                assertThat(out[i].dtype().isIntegral()).as(what + " is integral").isTrue();
                assertLongs(what, out[i], want.shape(), l);
            } else {
                assertThat(out[i].dtype()).as(what + " dtype").isEqualTo(DType.F32);
                assertClose(what, out[i], want.shape(), want.values(), Tolerances.forFamily(c.family()));
            }
        }
    }

    private static void checkGradients(OpFixture c, boolean strided) {
        Tensor[] in = inputs(c, strided);
        Tensor[] out = FixtureOps.apply(c.op(), c.args(), in);
        if (out.length == 1) {
            out[0].backward(c.upstreams().get(0).toTensor());
        } else {
            Tensor loss = null;
            for (int i = 0; i < out.length; i++) {
                OpFixture.Data up = c.upstreams().get(i);
                if (up != null) {
                    Tensor term = out[i].mul(up.toTensor()).sum();
                    loss = loss == null ? term : loss.add(term);
                }
            }
            loss.backward();
        }
        for (int i = 0; i < in.length; i++) {
            OpFixture.Data want = c.grads().get(i);
            if (want == null) {
                continue;
            }
            String what = label(c, strided) + " gradient of input " + i;
            assertThat(in[i].grad()).as(what).isNotNull();
            assertClose(what, in[i].grad(), want.shape(), want.values(), Tolerances.GRADIENT);
        }
    }

    private static void checkFiniteDifferences(OpFixture c) {
        Tensor[] all = inputs(c, false);
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < all.length; i++) {
            if (c.inputs().get(i).requiresGrad()) {
                free.add(i);
            }
        }
        // only the inputs PyTorch differentiates are perturbed; masks and conditions stay fixed
        Function<Tensor[], Tensor> f = args -> {
            Tensor[] full = all.clone();
            for (int k = 0; k < free.size(); k++) {
                full[free.get(k)] = args[k];
            }
            Tensor[] out = FixtureOps.apply(c.op(), c.args(), full);
            List<Tensor> floats = new ArrayList<>();
            for (Tensor o : out) {
                if (o.dtype() == DType.F32) {
                    floats.add(o.reshape(-1));
                }
            }
            return floats.size() == 1 ? out[0] : Tensor.cat(0, floats);
        };
        Tensor[] args = free.stream().map(i -> all[i].detach()).toArray(Tensor[]::new);
        GradCheck.Result r = GradCheck.check(f, args);
        assertThat(r.passed()).as(c + ": " + r).isTrue();
    }
}
