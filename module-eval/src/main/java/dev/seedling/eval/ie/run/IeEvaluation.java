package dev.seedling.eval.ie.run;

import dev.seedling.eval.chat.ChatModel;
import dev.seedling.eval.chat.ChatModelException;
import dev.seedling.eval.chat.ChatMessage;
import dev.seedling.eval.chat.ChatRequest;
import dev.seedling.eval.ie.AnnotatedSentence;
import dev.seedling.eval.ie.Annotations;
import dev.seedling.eval.ie.IeTask;
import dev.seedling.eval.ie.data.IeDataFiles;
import dev.seedling.eval.ie.parse.Extraction;
import dev.seedling.eval.ie.parse.FilterCounts;
import dev.seedling.eval.ie.parse.HallucinationFilter;
import dev.seedling.eval.ie.parse.OutputReader;
import dev.seedling.eval.ie.render.IePromptBuilder;
import dev.seedling.eval.ie.schema.SchemaLoader;
import dev.seedling.eval.ie.schema.SchemaRegistry;
import dev.seedling.eval.ie.score.IeMetric;
import dev.seedling.eval.ie.score.IeScore;
import dev.seedling.eval.ie.score.IeScorer;
import dev.seedling.eval.ie.score.Prf;
import lombok.extern.slf4j.Slf4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One evaluation run: schema + data + model + task + output directory. {@link #run()} asks the model about every
 * sentence not yet answered in {@code <out>/predictions.jsonl} for the same prompt (so an interrupted run resumes
 * where it stopped, model failures are retried on the next run, and a changed sentence, schema or style is asked
 * again), then reads all answers (parse, decode, filter), scores every metric
 * of the task and writes {@code report.md} and {@code report.json}. Gold types are canonicalised through the schema's
 * labels. Sentences are asked in data order, {@link IeEvalOptions#concurrency()} at a time; the report does not
 * depend on the order answers arrive in. For EAE, a sentence without gold events is not asked
 * (there is no trigger to ask about) and scores as predicting nothing. Not thread-safe; one run per output directory at a time.
 */
@Slf4j
public final class IeEvaluation {
    private final SchemaRegistry schema;
    private final List<AnnotatedSentence> data;
    private final ChatModel model;
    private final IeTask task;
    private final Path outDir;
    private final IeEvalOptions options;

    /**
     * A run over loaded inputs.
     *
     * @throws IllegalArgumentException when two sentences share an id
     */
    public IeEvaluation(SchemaRegistry schema, List<AnnotatedSentence> data, ChatModel model, IeTask task,
                        Path outDir, IeEvalOptions options) {
        this.schema = schema;
        this.data = data.stream().map(this::canonical).toList();
        this.model = model;
        this.task = task;
        this.outDir = outDir;
        this.options = options;
        Set<String> ids = new HashSet<>();
        for (AnnotatedSentence s : data) {
            if (!ids.add(s.id())) {
                throw new IllegalArgumentException("sentence id '" + s.id() + "' occurs twice in the data");
            }
        }
    }

    /**
     * The entry point of {@code seedling ie-eval --schema S --data D --task T --out DIR}: loads the schema (a JSON
     * file, or {@code builtin:NAME} for {@link SchemaLoader#builtin}) and the data (any format of
     * {@link IeDataFiles#load}).
     *
     * @param lang the language of records that do not name one (and of CoNLL files)
     * @throws dev.seedling.eval.ie.schema.SchemaException  for a bad schema
     * @throws dev.seedling.eval.ie.data.IeDataException    for bad data
     */
    public static IeEvaluation fromFiles(Path schemaFile, Path dataFile, String lang, ChatModel model, IeTask task,
                                         Path outDir, IeEvalOptions options) {
        String schemaName = schemaFile.toString();
        SchemaRegistry schema = schemaName.startsWith("builtin:")
                ? SchemaLoader.builtin(schemaName.substring("builtin:".length())) : SchemaLoader.load(schemaFile);
        return new IeEvaluation(schema, IeDataFiles.load(dataFile, lang), model, task, outDir, options);
    }

    /**
     * Asks the model about every unanswered sentence, then scores all and writes the report.
     *
     * @return the report, as written
     * @throws UncheckedIOException when the output directory or its files cannot be written
     */
    public IeReport run() {
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + outDir, e);
        }
        PredictionLog predictions = new PredictionLog(outDir.resolve("predictions.jsonl"));
        IePromptBuilder prompts = new IePromptBuilder(schema, options.style());
        List<Runnable> pending = new ArrayList<>();
        for (AnnotatedSentence s : data) {
            String prompt = prompts.prompt(task, s.text(), s.annotations().events());
            String hash = PredictionLog.hash(prompt);
            if (!predictions.answered(s.id(), hash) && needsModel(s)) {
                pending.add(() -> ask(s.id(), prompt, hash, predictions));
            }
        }
        if (options.concurrency() == 1) {
            pending.forEach(Runnable::run);
        } else {
            try (ExecutorService pool = Executors.newFixedThreadPool(options.concurrency())) {
                List<Future<?>> futures = pending.stream().<Future<?>>map(pool::submit).toList();
                for (Future<?> f : futures) {
                    await(f);
                }
            }
        }
        log.info("asked {} about {} of {} sentences", model.name(), pending.size(), data.size());
        IeReport report = score(predictions);
        IeReportWriter.write(report, outDir);
        return report;
    }

    /** One request; a model failure is logged as an error line, to be retried by the next run. */
    private void ask(String id, String prompt, String hash, PredictionLog predictions) {
        ChatRequest request = new ChatRequest(List.of(ChatMessage.user(prompt)), 0.0, options.maxTokens(), null);
        try {
            predictions.append(new PredictionLog.Entry(id, hash, model.complete(request).text(), null, model.name()));
        } catch (ChatModelException e) {
            log.warn("model {} failed on {}: {}", model.name(), id, e.getMessage());
            predictions.append(new PredictionLog.Entry(id, hash, null, e.getMessage(), model.name()));
        }
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the model", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("a request failed", e.getCause());
        }
    }

    private IeReport score(PredictionLog predictions) {
        OutputReader reader = new OutputReader(new HallucinationFilter(schema, options.caseSensitiveFilter()),
                options.filterHallucinations(), options.regexFallback());
        List<IeScorer.Pair> pairs = new ArrayList<>();
        Map<String, List<IeScorer.Pair>> byLang = new LinkedHashMap<>();
        Map<String, Integer> status = new HashMap<>();
        int errors = 0;
        int undecodable = 0;
        int recovered = 0;
        FilterCounts filtered = FilterCounts.NONE;
        for (AnnotatedSentence s : data) {
            PredictionLog.Entry e = predictions.latest(s.id());
            Annotations predicted = Annotations.EMPTY;
            if (!needsModel(s)) {
                status.merge("NOT_ASKED", 1, Integer::sum);
            } else if (e == null || !e.answered()) {
                errors++;
            } else {
                Extraction x = reader.read(task, s.text(), e.output());
                status.merge(x.parse().status().name(), 1, Integer::sum);
                undecodable += x.undecodable();
                recovered += x.recovered();
                filtered = filtered.plus(x.removed());
                predicted = x.mentions();
            }
            IeScorer.Pair p = new IeScorer.Pair(s.annotations(), predicted);
            pairs.add(p);
            byLang.computeIfAbsent(s.lang(), k -> new ArrayList<>()).add(p);
        }
        IeScorer scorer = new IeScorer(options.matcher(), options.duplicates());
        List<IeScore> scores = scorer.scoreAll(IeMetric.of(task), pairs);
        Map<String, Map<IeMetric, Prf>> perLang = new HashMap<>();
        byLang.forEach((lang, ps) -> {
            Map<IeMetric, Prf> m = new LinkedHashMap<>();
            scorer.scoreAll(IeMetric.of(task), ps).forEach(sc -> m.put(sc.metric(), sc.overall()));
            perLang.put(lang, m);
        });
        return new IeReport(model.name(), task, options, data.size(), errors, status, undecodable, recovered, filtered,
                scores,
                perLang);
    }

    private boolean needsModel(AnnotatedSentence s) {
        return task != IeTask.EAE || !s.annotations().events().isEmpty();
    }

    private AnnotatedSentence canonical(AnnotatedSentence s) {
        return new AnnotatedSentence(s.id(), s.lang(), s.text(), schema.canonicalise(s.annotations()));
    }
}
