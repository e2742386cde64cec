package dev.seedling.data.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** The fixtures written by {@code tools/reference/bpe_reference.py}, and seeded random text. */
final class Fixtures {
    private Fixtures() {
    }

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("fixture " + name + " missing; run tools/reference/bpe_reference.py");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String name) {
        try {
            return new ObjectMapper().readTree(text(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Random text mixing ASCII words, punctuation, white space of all kinds, accents, CJK and 4-byte code points. */
    static String randomText(SplittableRandom rng, int codePoints) {
        int[][] ranges = {
            {'a', 'z'}, {'A', 'Z'}, {'0', '9'}, {' ', ' '}, {' ', ' '}, {'!', '/'}, {'\'', '\''},
            {'\t', '\r'}, {0x00A0, 0x00FF}, {0x0370, 0x03FF}, {0x0400, 0x04FF}, {0x2000, 0x206F},
            {0x3000, 0x30FF}, {0x4E00, 0x4FFF}, {0x1F300, 0x1F6FF}, {0x1D400, 0x1D7FF}, {0x10000, 0x10FFFF},
            {0x0080, 0x07FF}, {0x0800, 0xD7FF}, {0xE000, 0xFFFD},
        };
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < codePoints; i++) {
            int[] r = ranges[rng.nextInt(ranges.length)];
            int cp = r[0] + rng.nextInt(r[1] - r[0] + 1);
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                cp = 'x';
            }
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    /** A small tokenizer trained on the reference corpus. */
    static BpeTokenizer smallBpe() {
        return BpeTrainer.train(new BpeTrainerConfig(400, java.util.List.of("<|endoftext|>", "<|pad|>"), 2,
                Utf8Policy.LENIENT), java.util.List.of(text("small-corpus.txt")));
    }
}
