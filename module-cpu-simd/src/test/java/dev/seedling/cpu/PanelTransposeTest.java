package dev.seedling.cpu;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link PanelTranspose}'s blocks against their element-by-element definitions, at offsets and strides off zero. */
class PanelTransposeTest {
    private static float[] iota(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    @Test
    void block8TransposesAnEightByEightBlock() {
        float[] src = iota(300);
        float[] dst = new float[400];
        int s = 5, lds = 33, d = 7, ldd = 20;
        PanelTranspose.block8(src, s, lds, dst, d, ldd);
        float[] expected = new float[400];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                expected[d + i * ldd + j] = src[s + j * lds + i];
            }
        }
        assertThat(dst).containsExactly(expected);
    }

    @Test
    void block4x8InterleavesFourRowsStepByStep() {
        float[] src = iota(200);
        float[] dst = new float[50];
        int s = 3, lds = 41, d = 9;
        PanelTranspose.block4x8(src, s, lds, dst, d);
        float[] expected = new float[50];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 4; j++) {
                expected[d + 4 * i + j] = src[s + j * lds + i];
            }
        }
        assertThat(dst).containsExactly(expected);
    }
}
