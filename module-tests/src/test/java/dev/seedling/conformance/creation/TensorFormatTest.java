package dev.seedling.conformance.creation;

import dev.seedling.conformance.BackendUnderTest;
import dev.seedling.conformance.OnEveryBackend;
import dev.seedling.tensor.Tensor;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code Tensor.toString()}: PyTorch's layout for small tensors, elided past 1000 elements. */
class TensorFormatTest {

    @OnEveryBackend
    void smallTensorsPrintLikePyTorch(BackendUnderTest backend) {
        try (var s = backend.use()) {
            assertThat(text(Tensor.scalar(3.5f))).isEqualTo("tensor(3.5000)");
            assertThat(text(Tensor.of(new float[]{1, 2, 3}, 3))).isEqualTo("tensor([1., 2., 3.])");
            assertThat(text(Tensor.of(new float[]{-1.5f, 2, 0.25f, 4}, 2, 2)))
                    .isEqualTo("tensor([[-1.5000,  2.0000],\n        [ 0.2500,  4.0000]])");
            assertThat(text(Tensor.arange(3))).isEqualTo("tensor([0, 1, 2])");
            assertThat(text(Tensor.ofLongs(new long[]{16_777_217L, -3_000_000_001L}, 2)))
                    .as("integers beyond float precision print exactly").isEqualTo("tensor([   16777217, -3000000001])");
            assertThat(text(Tensor.ofInts(new int[]{1, 2}, 2))).isEqualTo("tensor([1, 2], dtype=I32)");
            assertThat(text(Tensor.of(new float[]{1e-6f, 1}, 2))).isEqualTo("tensor([1.0000e-06, 1.0000e+00])");
            assertThat(text(Tensor.of(new float[]{Float.NaN, -1.5f, Float.POSITIVE_INFINITY}, 3)))
                    .isEqualTo("tensor([    nan, -1.5000,     inf])");
            Tensor x = Tensor.ones(2).requiresGrad(true);
            assertThat(text(x)).endsWith(", requires_grad=true)");
            assertThat(text(x.mul(2f))).isEqualTo("tensor([2., 2.], grad_fn=<mul>)");
            assertThat(text(Tensor.ones(2, 1, 2))).isEqualTo("tensor([[[1., 1.]],\n\n        [[1., 1.]]])");
        }
    }

    @OnEveryBackend
    void largeTensorsAreElidedWithTheirEdges(BackendUnderTest backend) {
        try (var s = backend.use()) {
            String text = text(Tensor.arange(2000));
            // PyTorch writes "2,  ..., 1997" (two spaces); Seedling one: the elision itself is what matters
            assertThat(text).startsWith("tensor([   0,    1,    2,").contains("...").endsWith("1997, 1998, 1999])");
            assertThat(text.length()).isLessThan(100);
            String matrix = text(Tensor.arange(0, 1100, 1).reshape(100, 11));
            assertThat(matrix.lines().count()).isEqualTo(7);   // three rows, the ellipsis row, three rows
            assertThat(matrix).contains("...,\n");
            assertThat(text(Tensor.arange(0, 1000, 1))).doesNotContain("...");
        }
    }

    /**
     * {@code toString()} without the {@code , backend=NAME} suffix that tensors off the default cpu backend carry (as
     * PyTorch prints {@code device='cuda:0'}); checks the suffix is there on other backends.
     */
    private static String text(Tensor t) {
        String s = t.toString();
        String suffix = ", backend=" + t.backend().name();
        if (!t.backend().name().equals("cpu")) {
            assertThat(s).contains(suffix);
        }
        return s.replace(suffix, "");
    }
}
