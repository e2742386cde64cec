package dev.seedling.tensor;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Ops given a million sizes (a reshape target, a permutation, a list of dimensions) name them in a short message:
 * the first 8, the last 4 and the count ({@link Shape#format}), not megabytes of text.
 */
class HugeRankMessageTest {
    private static final int RANK = 1_000_000;
    private static final int SHORT = 400;

    private static int[] filled(int size) {
        int[] d = new int[RANK];
        Arrays.fill(d, size);
        return d;
    }

    @Test
    void reshapeToAMillionDimensionsOfTheWrongCount() {
        assertThatThrownBy(() -> Tensor.ones(2).reshape(filled(1)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("reshape: shape [2] (2 elements) cannot become "
                        + "[1, 1, 1, 1, 1, 1, 1, 1, …, 1, 1, 1, 1] (rank 1000000) (1 elements)")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(SHORT));
        assertThatThrownBy(() -> Tensor.ones(2).reshape(filled(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only one dimension may be -1")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(SHORT));
        assertThatThrownBy(() -> Tensor.ones(2).reshape(filled(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2^31-1")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(SHORT));
    }

    @Test
    void aTensorOfAMillionDimensionsInAShapeMismatch() {
        int[] dims = filled(1);
        dims[RANK - 1] = 2;
        Tensor wide = Tensor.ones(2).reshape(dims);
        assertThat(wide.shape().toString()).isEqualTo("[1, 1, 1, 1, 1, 1, 1, 1, …, 1, 1, 1, 2] (rank 1000000)");
        assertThatThrownBy(() -> wide.add(Tensor.ones(3)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("add: shapes [1, 1, 1, 1, 1, 1, 1, 1, …, 1, 1, 1, 2] (rank 1000000) and [3]")
                .hasMessageContaining("dimension 999999: 2 vs 3")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(SHORT));
    }

    @Test
    void permuteAndReductionsNameAMillionEntriesBriefly() {
        assertThatThrownBy(() -> Tensor.ones(2).permute(filled(0)))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("has 1000000 entries")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(SHORT));
        assertThatThrownBy(() -> Tensor.ones(2).sum(filled(0), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeats in [0, 0, 0")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(SHORT));
        assertThatThrownBy(() -> Tensor.ones(2).expand(filled(3)))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("(rank 1000000)")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(SHORT));
    }
}
