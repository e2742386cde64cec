package dev.seedling.conformance.errors;

import dev.seedling.conformance.BackendUnderTest;
import dev.seedling.conformance.OnEveryBackend;
import dev.seedling.tensor.DTypeMismatchException;
import dev.seedling.tensor.ShapeMismatchException;
import dev.seedling.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad input to every op family: shapes that do not fit name the op and both shapes; a wrong dtype names the op,
 * the expected and the actual dtype. (Index out of range is covered per op in the indexing and cross-entropy suites.)
 */
class BadInputConformanceTest {

    private static Map<String, BinaryOperator<Tensor>> binaryOps() {
        Map<String, BinaryOperator<Tensor>> m = new LinkedHashMap<>();
        m.put("add", Tensor::add);
        m.put("sub", Tensor::sub);
        m.put("mul", Tensor::mul);
        m.put("div", Tensor::div);
        m.put("pow", Tensor::pow);
        m.put("max", Tensor::maximum);
        m.put("min", Tensor::minimum);
        m.put("eq", Tensor::eq);
        m.put("ne", Tensor::ne);
        m.put("lt", Tensor::lt);
        m.put("le", Tensor::le);
        m.put("gt", Tensor::gt);
        m.put("ge", Tensor::ge);
        m.put("where", (a, b) -> Tensor.where(Tensor.ones(1), a, b));
        return m;
    }

    @OnEveryBackend
    void binaryOpsRejectShapesThatDoNotBroadcastNamingTheOpAndBothShapes(BackendUnderTest backend) {
        try (var s = backend.use()) {
            for (var e : binaryOps().entrySet()) {
                assertThatThrownBy(() -> e.getValue().apply(Tensor.ones(2, 3), Tensor.ones(4, 3)))
                        .as(e.getKey()).isInstanceOf(ShapeMismatchException.class)
                        .hasMessageContaining(e.getKey()).hasMessageContaining("[2, 3]").hasMessageContaining("[4, 3]");
            }
        }
    }

    @OnEveryBackend
    void maskedFillRejectsAMaskThatDoesNotBroadcastToTheInput(BackendUnderTest backend) {
        try (var s = backend.use()) {
            assertThatThrownBy(() -> Tensor.ones(2, 3).maskedFill(Tensor.ones(4, 3), 0f))
                    .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("maskedFill")
                    .hasMessageContaining("[2, 3]").hasMessageContaining("[4, 3]");
            assertThatThrownBy(() -> Tensor.ones(3).maskedFill(Tensor.ones(2, 3), 0f))
                    .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("maskedFill");
        }
    }

    @OnEveryBackend
    void floatOpsRejectIntegerTensorsNamingExpectedAndActualDtype(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor ints = Tensor.ofInts(new int[]{1, 2, 3}, 3);
            Tensor longs = Tensor.ofLongs(new long[]{1, 2, 3}, 3);
            for (var e : binaryOps().entrySet()) {
                assertThatThrownBy(() -> e.getValue().apply(Tensor.ones(3), longs)).as(e.getKey())
                        .isInstanceOf(DTypeMismatchException.class).hasMessageContaining(e.getKey())
                        .hasMessageContaining("F32").hasMessageContaining("I64");
            }
            Map<String, UnaryOperator<Tensor>> unary = new LinkedHashMap<>();
            unary.put("exp", Tensor::exp);
            unary.put("relu", Tensor::relu);
            unary.put("sum", Tensor::sum);
            unary.put("mean", Tensor::mean);
            unary.put("var", t -> t.var(0, 1, false));
            unary.put("max", t -> t.max(0, false));
            unary.put("min", t -> t.min(0, true));
            unary.put("clamp", t -> t.clamp(0, 1));
            unary.put("maskedFill", t -> t.maskedFill(Tensor.ones(3), 0f));
            unary.put("tril", t -> t.reshape(1, 3).tril(0));
            unary.put("triu", t -> t.reshape(1, 3).triu(0));
            unary.put("cumsum", t -> t.cumsum(0));
            unary.put("argmax", t -> t.argmax(0, false));
            unary.put("softmax", t -> t.softmax(0));
            unary.put("logSoftmax", t -> t.logSoftmax(0));
            unary.put("matmul", t -> t.matmul(Tensor.ones(3)));
            unary.put("topk", t -> t.topk(1, 0, true).values());
            unary.put("rmsNorm", t -> dev.seedling.tensor.Functional.rmsNorm(t, null, 1e-5f));
            unary.put("layerNorm", t -> dev.seedling.tensor.Functional.layerNorm(t, null, null, 1e-5f));
            for (var e : unary.entrySet()) {
                assertThatThrownBy(() -> e.getValue().apply(ints)).as(e.getKey())
                        .isInstanceOf(DTypeMismatchException.class).hasMessageContaining(e.getKey())
                        .hasMessageContaining("F32").hasMessageContaining("I32");
            }
            assertThatThrownBy(() -> Tensor.ones(2, 3).embedding(Tensor.ones(2)))
                    .isInstanceOf(DTypeMismatchException.class).hasMessageContaining("embedding")
                    .hasMessageContaining("F32");
            assertThatThrownBy(() -> Tensor.ones(3).oneHot(4)).isInstanceOf(DTypeMismatchException.class)
                    .hasMessageContaining("oneHot").hasMessageContaining("F32");
        }
    }

    @OnEveryBackend
    void dimensionArgumentsOutOfRangeNameTheDimensionAndShape(BackendUnderTest backend) {
        try (var s = backend.use()) {
            Tensor t = Tensor.ones(2, 3);
            assertThatThrownBy(() -> t.sum(2, false)).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining("2").hasMessageContaining("[2, 3]");
            assertThatThrownBy(() -> t.softmax(-3)).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining("[2, 3]");
            assertThatThrownBy(() -> t.cumsum(5)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> t.sum(new int[]{1, -1}, false)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("repeats");
        }
    }
}
