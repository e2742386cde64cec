package dev.seedling.cli;

import dev.seedling.models.generate.SamplingOptions;
import dev.seedling.models.generate.TokenGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code seedling generate}: continues a prompt, streaming text as it is produced. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Continue a prompt with a trained model.")
final class GenerateCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--model", required = true, description = "model directory (config.json, model.safetensors, tokenizer.json)")
    Path model;
    @Option(names = "--prompt", required = true, description = "text to continue")
    String prompt;
    @Option(names = "--max-tokens", description = "default ${DEFAULT-VALUE}")
    int maxTokens = 100;
    @Option(names = "--temperature", description = "0 = greedy (default ${DEFAULT-VALUE})")
    float temperature = 0.8f;
    @Option(names = "--top-k", description = "0 = off (default ${DEFAULT-VALUE})")
    int topK = 40;
    @Option(names = "--top-p", description = "1 = off (default ${DEFAULT-VALUE})")
    float topP = 0.95f;
    @Option(names = "--seed", description = "default ${DEFAULT-VALUE}")
    long seed = 0;
    @Option(names = "--stop", description = "stop when the output contains this text (repeatable)")
    List<String> stops = List.of();

    @Override
    public Integer call() {
        LoadedModel m = LoadedModel.load(model);
        var options = new SamplingOptions(maxTokens, temperature, topK, topP, seed, Set.of(m.tokenizer().eosId()));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.print(prompt);
        generate(m, prompt, options, stops, out::print);
        out.println();
        return 0;
    }

    /**
     * Generates after {@code prompt}, handing each new piece of text to {@code sink} as soon as it forms complete
     * UTF-8; stops at the first stop string (the text up to it is kept). Returns the generated text.
     */
    static String generate(LoadedModel m, String prompt, SamplingOptions options, List<String> stops,
                           java.util.function.Consumer<String> sink) {
        return generate(m, m.tokenizer().encode(prompt), options, stops, sink);
    }

    /** As {@link #generate(LoadedModel, String, SamplingOptions, List, java.util.function.Consumer)}, after token ids. */
    static String generate(LoadedModel m, int[] ids, SamplingOptions options, List<String> stops,
                           java.util.function.Consumer<String> sink) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringBuilder text = new StringBuilder();
        int[] emitted = {0};
        TokenGenerator.generate(m.model(), ids, options, token -> {
            bytes.writeBytes(m.tokenizer().decodeBytes(new int[]{token}));
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
    private static String completeUtf8(byte[] b) {
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
