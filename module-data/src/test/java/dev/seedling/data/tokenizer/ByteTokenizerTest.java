package dev.seedling.data.tokenizer;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteTokenizerTest {
    private final ByteTokenizer tok = new ByteTokenizer(List.of("<|endoftext|>", "<|pad|>"), Utf8Policy.LENIENT);

    @Test
    void idsAreTheUtf8BytesAndSpecialsFollow() {
        assertThat(tok.encode("aé")).containsExactly('a', 0xC3, 0xA9);
        assertThat(tok.vocabSize()).isEqualTo(258);
        assertThat(tok.eosId()).isEqualTo(256);
        assertThat(tok.specialId("<|pad|>")).hasValue(257);
        assertThat(tok.decode(new int[] {'h', 'i', 256})).isEqualTo("hi<|endoftext|>");
    }

    @Test
    void roundTripsRandomUnicode() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 300; i++) {
            String s = Fixtures.randomText(rng, rng.nextInt(100));
            assertThat(tok.decode(tok.encode(s))).isEqualTo(s);
        }
    }

    @Test
    void lenientReplacesInvalidBytesStrictNamesTheOffset() {
        byte[] bad = {'o', 'k', (byte) 0xFF, 'x'};
        assertThat(tok.decode(tok.encode(bad))).isEqualTo("ok\uFFFDx");
        ByteTokenizer strict = new ByteTokenizer(List.of(), Utf8Policy.STRICT);
        assertThatThrownBy(() -> strict.encode(bad)).isInstanceOf(InvalidUtf8Exception.class)
                .hasMessageContaining("byte offset 2");
        assertThatThrownBy(() -> strict.decode(new int[] {'a', 0xE2, 0x82}))
                .isInstanceOf(InvalidUtf8Exception.class).hasMessageContaining("byte offset 1");
    }

    @Test
    void fingerprintDependsOnTheSpecials() {
        assertThat(tok.fingerprint()).isEqualTo(new ByteTokenizer(List.of("<|endoftext|>", "<|pad|>"),
                Utf8Policy.STRICT).fingerprint());
        assertThat(tok.fingerprint()).isNotEqualTo(ByteTokenizer.withEndOfText().fingerprint());
    }
}
