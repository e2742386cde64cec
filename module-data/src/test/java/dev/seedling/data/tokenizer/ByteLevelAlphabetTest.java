package dev.seedling.data.tokenizer;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteLevelAlphabetTest {
    @Test
    void mapsEveryByteToADistinctPrintableCharAndBack() {
        Set<Character> seen = new HashSet<>();
        for (int b = 0; b < 256; b++) {
            char c = ByteLevelAlphabet.charOf(b);
            assertThat(seen.add(c)).isTrue();
            assertThat(ByteLevelAlphabet.byteOf(c)).isEqualTo(b);
        }
        assertThat(ByteLevelAlphabet.charOf(' ')).isEqualTo('Ġ');
        assertThat(ByteLevelAlphabet.charOf('\n')).isEqualTo('Ċ');
        assertThat(ByteLevelAlphabet.charOf('a')).isEqualTo('a');
    }

    @Test
    void rejectsACharOutsideTheAlphabetNamingIt() {
        assertThatThrownBy(() -> ByteLevelAlphabet.fromVisible("ab c"))
                .hasMessageContaining("U+20").hasMessageContaining("index 2");
    }
}
