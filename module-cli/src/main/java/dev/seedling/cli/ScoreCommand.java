package dev.seedling.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seedling.autograd.GradMode;
import dev.seedling.tensor.Tensor;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;

/** {@code seedling score}: per-token log-probabilities of a text under a model, as JSON. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Per-token log-probabilities (natural log) of a text or token list, as JSON.")
final class ScoreCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--model", required = true, description = "model directory")
    Path model;

    @ArgGroup(multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--text", description = "text to score")
        String text;
        @Option(names = "--tokens", split = ",", description = "token ids to score, e.g. 1,2,3")
        int[] tokens;
    }

    @Override
    public Integer call() throws Exception {
        LoadedModel m = LoadedModel.load(model);
        int[] ids = input.tokens != null ? input.tokens : m.tokenizer().encode(input.text);
        System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(score(m, ids)));
        return 0;
    }

    /**
     * {"tokens": [...], "logprobs": [null, lp1, ...], "total": Σ}: the first token has no prediction; token i's
     * log-probability is read from the model's output at position i-1.
     */
    static ObjectNode score(LoadedModel m, int[] ids) {
        int vocab = m.model().config().vocabSize();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocab) {
                throw new IllegalArgumentException("token " + ids[i] + " at position " + i
                        + " is outside the vocabulary [0, " + vocab + ")");
            }
        }
        if (ids.length > m.model().config().maxSeqLen()) {
            throw new IllegalArgumentException(ids.length + " tokens exceed the model's max_seq_len "
                    + m.model().config().maxSeqLen());
        }
        ObjectNode out = new ObjectMapper().createObjectNode();
        ArrayNode tokens = out.putArray("tokens");
        ArrayNode texts = out.putArray("pieces");
        ArrayNode lps = out.putArray("logprobs");
        double total = 0;
        try (var ng = GradMode.noGrad()) {
            long[] l = Arrays.stream(ids).asLongStream().toArray();
            float[] logp = m.model().forward(Tensor.ofLongs(l, 1, l.length), null).logSoftmax(-1).toFloatArray();
            for (int i = 0; i < ids.length; i++) {
                tokens.add(ids[i]);
                texts.add(m.tokenizer().decode(new int[]{ids[i]}));
                if (i == 0) {
                    lps.addNull();
                } else {
                    float lp = logp[(i - 1) * vocab + ids[i]];
                    lps.add(lp);
                    total += lp;
                }
            }
        }
        out.put("total", total);
        return out;
    }
}
