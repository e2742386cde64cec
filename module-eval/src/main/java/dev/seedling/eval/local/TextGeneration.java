package dev.seedling.eval.local;

import dev.seedling.data.tokenizer.Tokenizer;
import dev.seedling.models.generate.SamplingOptions;
import dev.seedling.models.generate.TokenGenerator;
import dev.seedling.models.transformer.TransformerLM;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/** Text in, text out over {@link TokenGenerator}: streaming in whole UTF-8 characters and text stop strings. */
public final class TextGeneration {
    private TextGeneration() {
    }

    /**
     * Generates after the prompt {@code ids}, handing each new piece of text to {@code sink} as soon as it forms
     * complete UTF-8; stops at the first stop string (the text up to it is kept), at a stop token of
     * {@code options}, or at the model's context. Returns the generated text.
     */
    public static String generate(TransformerLM model, Tokenizer tokenizer, int[] ids, SamplingOptions options,
                                  List<String> stops, Consumer<String> sink) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringBuilder text = new StringBuilder();
        int[] emitted = {0};
        TokenGenerator.generate(model, ids, options, token -> {
            bytes.writeBytes(tokenizer.decodeBytes(new int[]{token}));
            String decoded = completeUtf8(bytes.toByteArray());
            text.setLength(0);
            text.append(decoded);
            for (String stop : stops) {
                int at = text.indexOf(stop);
                if (at >= 0) {
                    text.setLength(at);
                    sink.accept(text.substring(Math.min(emitted[0], at)));
                    emitted[0] = at;
                    return false;
                }
            }
            sink.accept(text.substring(emitted[0]));
            emitted[0] = text.length();
            return true;
        });
        return text.toString();
    }

    /** The longest prefix of {@code b} that ends on a complete UTF-8 sequence, decoded. */
    static String completeUtf8(byte[] b) {
        int end = b.length;
        int back = 0;
        while (back < 4 && end - back - 1 >= 0 && (b[end - back - 1] & 0xC0) == 0x80) {
            back++;
        }
        if (end - back - 1 >= 0) {
            int lead = b[end - back - 1] & 0xFF;
            int need = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
            if (need > back) {
                end = end - back - 1;
            }
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }
}
