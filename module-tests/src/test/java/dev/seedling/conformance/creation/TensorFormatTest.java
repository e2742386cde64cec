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
            assertThat(Tensor.scalar(3.5f).toString()).isEqualTo("tensor(3.5000)");
            assertThat(Tensor.of(new float[]{1, 2, 3}, 3).toString()).isEqualTo("tensor([1., 2., 3.])");
            assertThat(Tensor.of(new float[]{-1.5f, 2, 0.25f, 4}, 2, 2).toString())
                    .isEqualTo("tensor([[-1.5000,  2.0000],\n        [ 0.2500,  4.0000]])");
            assertThat(Tensor.arange(3).toString()).isEqualTo("tensor([0, 1, 2])");
            assertThat(Tensor.ofLongs(new long[]{16_777_217L, -3_000_000_001L}, 2).toString())
                    .as("integers beyond float precision print exactly").isEqualTo("tensor([   16777217, -3000000001])");
            assertThat(Tensor.ofInts(new int[]{1, 2}, 2).toString()).isEqualTo("tensor([1, 2], dtype=I32)");
            assertThat(Tensor.of(new float[]{1e-6f, 1}, 2).toString()).isEqualTo("tensor([1.0000e-06, 1.0000e+00])");
            assertThat(Tensor.of(new float[]{Float.NaN, -1.5f, Float.POSITIVE_INFINITY}, 3).toString())
                    .isEqualTo("tensor([    nan, -1.5000,     inf])");
            Tensor x = Tensor.ones(2).requiresGrad(true);
            assertThat(x.toString()).endsWith(", requires_grad=true)");
            assertThat(x.mul(2f).toString()).isEqualTo("tensor([2., 2.], grad_fn=<mul>)");
            assertThat(Tensor.ones(2, 1, 2).toString()).isEqualTo("tensor([[[1., 1.]],\n\n        [[1., 1.]]])");
        }
    }

    @OnEveryBackend
    void largeTensorsAreElidedWithTheirEdges(BackendUnderTest backend) {
        try (var s = backend.use()) {
            String text = Tensor.arange(2000).toString();
            // PyTorch writes "2,  ..., 1997" (two spaces); Seedling one: the elision itself is what matters
            assertThat(text).startsWith("tensor([   0,    1,    2,").contains("...").endsWith("1997, 1998, 1999])");
            assertThat(text.length()).isLessThan(100);
            String matrix = Tensor.arange(0, 1100, 1).reshape(100, 11).toString();
            assertThat(matrix.lines().count()).isEqualTo(7);   // three rows, the ellipsis row, three rows
            assertThat(matrix).contains("...,\n");
            assertThat(Tensor.arange(0, 1000, 1).toString()).doesNotContain("...");
        }
    }
}
