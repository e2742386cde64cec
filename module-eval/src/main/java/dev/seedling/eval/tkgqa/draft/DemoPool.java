package dev.seedling.eval.tkgqa.draft;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seedling.data.tkg.TkgFormatException;
import dev.seedling.data.tkg.TkgQuestion;
import dev.seedling.eval.tkgqa.link.CharNgramTfidfEmbedder;
import dev.seedling.eval.tkgqa.link.Embedder;
import dev.seedling.eval.tkgqa.program.ProgramParseException;
import dev.seedling.eval.tkgqa.program.ProgramParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Demos by category. Hand-written demos are always candidates; of the verified ones only the {@link #WINDOW} most
 * recent per category are, so that selection stays cheap as the self-improvement loop grows the pool. Selection
 * ranks candidates by character-trigram cosine to the question (ties: hand-written first, then insertion order).
 * Thread-safe: all methods synchronise on the pool.
 */
public final class DemoPool {
    /** How many of the most recent verified demos per category are candidates for selection. */
    public static final int WINDOW = 256;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<Demo>> byCategory = new HashMap<>();
    private final Embedder similarity = new CharNgramTfidfEmbedder(List.of());
    private int size;

    /** Adds a demo. */
    public synchronized void add(Demo demo) {
        byCategory.computeIfAbsent(demo.category(), k -> new ArrayList<>()).add(demo);
        size++;
    }

    /** How many demos the pool holds. */
    public synchronized int size() {
        return size;
    }

    /** The demos of {@code category}, in insertion order (a copy). */
    public synchronized List<Demo> demos(String category) {
        return List.copyOf(byCategory.getOrDefault(category, List.of()));
    }

    /** Up to {@code n} demos of {@code category} for {@code question}, most similar first. */
    public synchronized List<Demo> select(String category, String question, int n) {
        List<Demo> all = byCategory.getOrDefault(category, List.of());
        List<Demo> candidates = new ArrayList<>();
        List<Demo> verified = new ArrayList<>();
        for (Demo d : all) {
            (d.handWritten() ? candidates : verified).add(d);
        }
        candidates.addAll(verified.subList(Math.max(0, verified.size() - WINDOW), verified.size()));
        float[] q = similarity.embed(question);
        List<double[]> scored = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            scored.add(new double[]{Embedder.cosine(q, similarity.embed(candidates.get(i).question())), i});
        }
        scored.sort(Comparator.comparingDouble((double[] s) -> -s[0]).thenComparingDouble(s -> s[1]));
        return scored.stream().limit(n).map(s -> candidates.get((int) s[1])).toList();
    }

    /**
     * Loads hand-written demos from a JSON Lines file with fields {@code question}, {@code category} and
     * {@code program} (linear or JSON form).
     *
     * @throws TkgFormatException naming the file and line of malformed JSON, a missing field or a bad program
     */
    public static DemoPool load(Path file) {
        try {
            return read(Files.readAllLines(file, StandardCharsets.UTF_8), file, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The built-in hand-written demos for {@code dataset}: one or two per category, written against the spec's
     * fixture KG (the paper's D0 has 20 per category; supply more with {@link #load}).
     */
    public static DemoPool seeds(TkgQuestion.Dataset dataset) {
        try (InputStream in = DemoPool.class.getResourceAsStream(SEEDS)) {
            if (in == null) {
                throw new IllegalStateException("the seed demos " + SEEDS + " are missing from the module");
            }
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            return read(lines, Path.of(SEEDS), dataset == TkgQuestion.Dataset.CRON ? "cron" : "multitq");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the seed demos " + SEEDS + ": " + e.getMessage(), e);
        }
    }

    private static final String SEEDS = "seed-demos.jsonl";

    private static DemoPool read(List<String> lines, Path source, String dataset) {
        DemoPool pool = new DemoPool();
        ProgramParser parser = new ProgramParser();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                JsonNode n = JSON.readTree(lines.get(i));
                for (String f : List.of("question", "category", "program")) {
                    if (!n.hasNonNull(f)) {
                        throw new TkgFormatException(source, i + 1, "demo lacks the field '" + f + "'");
                    }
                }
                if (dataset != null && !dataset.equals(n.path("dataset").asText())) {
                    continue;
                }
                pool.add(new Demo(n.get("question").asText(), n.get("category").asText(),
                        parser.parse(n.get("program").asText()), true));
            } catch (JsonProcessingException | ProgramParseException e) {
                throw new TkgFormatException(source, i + 1, e.getMessage(), e);
            }
        }
        return pool;
    }
}
