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
}
