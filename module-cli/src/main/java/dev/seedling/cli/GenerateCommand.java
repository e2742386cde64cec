package dev.seedling.cli;

import dev.seedling.eval.local.TextGeneration;
import dev.seedling.models.generate.SamplingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
        return TextGeneration.generate(m.model(), m.tokenizer(), ids, options, stops, sink);
    }
}
