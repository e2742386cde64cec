package dev.seedling.tensor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Shape arithmetic: NumPy broadcasting, negative dimensions, strides and edits. */
class ShapeTest {

    @Test
    void broadcastFollowsNumPyRules() {
        assertThat(Shape.broadcast("add", Shape.of(2, 1, 3), Shape.of(4, 1))).isEqualTo(Shape.of(2, 4, 3));
        assertThat(Shape.broadcast("add", Shape.scalar(), Shape.of(5))).isEqualTo(Shape.of(5));
        assertThat(Shape.broadcast("add", Shape.of(0, 1), Shape.of(3))).isEqualTo(Shape.of(0, 3));
        assertThat(Shape.broadcast("add", Shape.of(1), Shape.of(0))).isEqualTo(Shape.of(0));
        assertThat(Shape.broadcast("add", Shape.scalar(), Shape.scalar())).isEqualTo(Shape.scalar());
    }

    @Test
    void broadcastRejectsIncompatibleShapesNamingTheOpAndBothShapes() {
        assertThatThrownBy(() -> Shape.broadcast("mul", Shape.of(2, 3), Shape.of(4, 3)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("mul").hasMessageContaining("[2, 3]").hasMessageContaining("[4, 3]");
        assertThatThrownBy(() -> Shape.broadcast("add", Shape.of(2), Shape.of(0)))
                .isInstanceOf(ShapeMismatchException.class);
    }

    @Test
    void negativeDimensionsCountFromTheEnd() {
        Shape s = Shape.of(2, 3, 4);
        assertThat(s.normalize(-1)).isEqualTo(2);
        assertThat(s.size(-3)).isEqualTo(2);
        assertThatThrownBy(() -> s.normalize(3)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("3").hasMessageContaining("[2, 3, 4]");
        assertThatThrownBy(() -> s.normalize(-4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Shape.scalar().normalize(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void stridesEditsAndCounts() {
        Shape s = Shape.of(2, 3, 4);
        assertThat(s.contiguousStrides()).containsExactly(12, 4, 1);
        assertThat(s.numel()).isEqualTo(24);
        assertThat(Shape.scalar().numel()).isEqualTo(1);
        assertThat(Shape.of(3, 0).numel()).isZero();
        assertThat(s.with(-1, 7)).isEqualTo(Shape.of(2, 3, 7));
        assertThat(s.without(1)).isEqualTo(Shape.of(2, 4));
        assertThat(s.product(1, 3)).isEqualTo(12);
        assertThat(s.toString()).isEqualTo("[2, 3, 4]");
        int[] dims = {5, 6};
        Shape copy = Shape.of(dims);
        dims[0] = 9;
        assertThat(copy).isEqualTo(Shape.of(5, 6));
        assertThatThrownBy(() -> Shape.of(2, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Shape.of(65536, 65536)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2^31");
    }

    private static int[] filled(int rank, int size) {
        int[] d = new int[rank];
        java.util.Arrays.fill(d, size);
        return d;
    }

    @Test
    void shapesUpToRank16AreWrittenInFull() {
        assertThat(Shape.scalar().toString()).isEqualTo("[]");
        int[] d = new int[16];
        for (int i = 0; i < d.length; i++) {
            d[i] = i; // [0, 1, ...]: no element count overflow
        }
        assertThat(Shape.of(d).toString()).isEqualTo(java.util.Arrays.toString(d));
        assertThat(Shape.format(d)).isEqualTo(java.util.Arrays.toString(d));
        assertThat(Shape.format(null)).isEqualTo("null");
    }

    @Test
    void longerShapesShowTheFirst8TheLast4AndTheRank() {
        int[] d = new int[17];
        for (int i = 0; i < d.length; i++) {
            d[i] = i; // [0, 1, ...]: no element count overflow
        }
        assertThat(Shape.of(d).toString()).isEqualTo("[0, 1, 2, 3, 4, 5, 6, 7, …, 13, 14, 15, 16] (rank 17)");
    }

    @Test
    void aRankOfAMillionGivesShortTextAndMessages() {
        Shape huge = Shape.of(filled(1_000_000, 1));
        assertThat(huge.toString()).isEqualTo("[1, 1, 1, 1, 1, 1, 1, 1, …, 1, 1, 1, 1] (rank 1000000)");
        assertThatThrownBy(() -> Shape.broadcast("add", huge.with(0, 2), huge.with(0, 3)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("add: shapes [2, 1, 1, 1, 1, 1, 1, 1, …, 1, 1, 1, 1] (rank 1000000) and [3, ")
                .hasMessageContaining("dimension 0: 2 vs 3")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
        assertThatThrownBy(() -> huge.normalize(1_000_000)).isInstanceOf(IndexOutOfBoundsException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
        int[] negative = filled(1_000_000, 1);
        negative[999_999] = -1;
        assertThatThrownBy(() -> Shape.of(negative)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("…, 1, 1, 1, -1] (rank 1000000) has a negative dimension")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
        assertThatThrownBy(() -> Shape.of(filled(1_000_000, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2^31-1")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }
}
