package dev.seedling.backend;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When a strided view counts as contiguous (kernels take fast paths on it). */
class StridedTest {

    @Test
    void rowMajorStridesAreContiguousAndGapsOrBroadcastsAreNot() {
        assertThat(Strided.contiguous(null, 0, new int[]{2, 3, 4}).isContiguous(new int[]{2, 3, 4})).isTrue();
        assertThat(new Strided(null, 0, new int[]{1, 2}).isContiguous(new int[]{2, 3})).isFalse();   // transposed
        assertThat(new Strided(null, 0, new int[]{5, 1}).isContiguous(new int[]{2, 3})).isFalse();   // narrowed
        assertThat(new Strided(null, 0, new int[]{0, 1}).isContiguous(new int[]{2, 3})).isFalse();   // expanded
        assertThat(new Strided(null, 0, new int[]{99, 1}).isContiguous(new int[]{1, 3})).isTrue();   // size-1 dim
        assertThat(new Strided(null, 0, new int[0]).isContiguous(new int[0])).isTrue();              // scalar
    }

    @Test
    void zeroSizeViewsAreContiguousWhateverTheirStrides() {
        assertThat(Strided.contiguous(null, 0, new int[]{3, 0}).isContiguous(new int[]{3, 0})).isTrue();
        assertThat(new Strided(null, 0, new int[]{1, 3}).isContiguous(new int[]{0, 3})).isTrue();
    }
}
