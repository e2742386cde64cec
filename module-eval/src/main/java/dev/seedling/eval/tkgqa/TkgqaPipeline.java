package dev.seedling.eval.tkgqa;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.seedling.data.tkg.TemporalKg;
import dev.seedling.data.tkg.TkgQuestion;
import dev.seedling.eval.chat.ChatModel;
import dev.seedling.eval.tkgqa.draft.DemoPool;
import dev.seedling.eval.tkgqa.draft.DraftPromptBuilder;
import dev.seedling.eval.tkgqa.exec.Executor;
import dev.seedling.eval.tkgqa.link.Embedder;
import dev.seedling.eval.tkgqa.link.EntityLinker;
import dev.seedling.eval.tkgqa.link.JaroWinkler;
import dev.seedling.eval.tkgqa.link.ProgramLinker;
import dev.seedling.eval.tkgqa.link.RelationLinker;
import dev.seedling.eval.tkgqa.metric.HitsAtK;
import dev.seedling.eval.tkgqa.metric.HitsReport;
import dev.seedling.eval.tkgqa.metric.Outcome;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The Prog-TQA evaluation of a question set: the entry point a CLI wraps. {@link #run} answers each question not
 * yet in {@code OUT/results.jsonl}, appending one row per question as it finishes, then writes Hits@k over all rows
 * to {@code OUT/metrics.json}. Rerunning with the same output directory resumes: answered ids are skipped, and a
 * question whose model call failed transiently was never written, so it is retried. Questions run
 * {@link PipelineConfig#parallelism()} at a time; rows are appended in completion order.
 */
public final class TkgqaPipeline {
    /** The results file name inside the output directory. */
    public static final String RESULTS = "results.jsonl";
    /** The metrics file name inside the output directory. */
    public static final String METRICS = "metrics.json";
    private static final int KEEP_PREDICTIONS = 10;

    private final PipelineConfig config;
    private final DemoPool demos;
    private final Embedder embedder;

    /**
     * A pipeline drafting with {@code demos} under {@code config}, linking relations with the default embedder
     * (character-trigram TF-IDF fitted on the KG's relation texts).
     */
    public TkgqaPipeline(PipelineConfig config, DemoPool demos) {
        this(config, demos, null);
    }

    private TkgqaPipeline(PipelineConfig config, DemoPool demos, Embedder embedder) {
        this.config = Objects.requireNonNull(config, "config");
        this.demos = Objects.requireNonNull(demos, "demos");
        this.embedder = embedder;
    }

    /**
     * This pipeline linking relations with {@code embedder} (for example a
     * {@link dev.seedling.eval.local.ModelEmbedder}) instead of the default.
     */
    public TkgqaPipeline withEmbedder(Embedder embedder) {
        return new TkgqaPipeline(config, demos, Objects.requireNonNull(embedder, "embedder"));
    }

    /** The answerer this pipeline would use for {@code kg} and {@code model}; also what self-improvement needs. */
    public ProgTqaAnswerer answerer(TemporalKg kg, ChatModel model) {
        ProgramLinker linker = new ProgramLinker(kg,
                new EntityLinker(kg, config.entityText(), new JaroWinkler(), 0.85),
                embedder == null ? RelationLinker.withDefaultEmbedder(kg, config.relationText())
                        : new RelationLinker(kg, embedder, config.relationText()), config.relationCandidates());
        return new ProgTqaAnswerer(model, new DraftPromptBuilder(demos, config.demosPerPrompt(), config.maxTokens()),
                config.classifier(), linker, new Executor(kg, config.policy(), config.limits()),
                config.useGoldAnnotations(), config.postProcessing());
    }

    /**
     * Answers {@code questions} over {@code kg} with {@code model}, writing to {@code outDir}.
     *
     * @throws dev.seedling.data.tkg.TkgFormatException when an existing results file has a malformed row (other
     *                                                  than a torn last one)
     * @throws UncheckedIOException                     when the output cannot be written
     */
    public PipelineSummary run(TemporalKg kg, List<TkgQuestion> questions, ChatModel model, Path outDir) {
        Path results = outDir.resolve(RESULTS);
        List<Outcome> rows = new ArrayList<>(ResultsFile.read(results));
        Set<String> done = new HashSet<>();
        rows.forEach(r -> done.add(r.id()));
        ProgTqaAnswerer answerer = answerer(kg, model);
        Tally tally = new Tally();
        try (ResultsFile out = ResultsFile.append(results)) {
            ExecutorService workers = Executors.newFixedThreadPool(config.parallelism());
            try {
                submitAll(questions, done, answerer, out, rows, tally, workers);
            } finally {
                // no worker may write once the file closes: stop them and wait before leaving this block
                workers.shutdownNow();
                awaitTermination(workers);
            }
        }
        HitsReport report = new HitsAtK(config.matching()).report(rows);
        Path metrics = outDir.resolve(METRICS);
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(metrics.toFile(), report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + metrics + ": " + e.getMessage(), e);
        }
        return new PipelineSummary(tally.answered, tally.skipped, tally.failed, tally.retry, report, results, metrics);
    }

    private void submitAll(List<TkgQuestion> questions, Set<String> done, ProgTqaAnswerer answerer, ResultsFile out,
                           List<Outcome> rows, Tally tally, ExecutorService workers) {
        List<Future<?>> pending = new ArrayList<>();
        for (TkgQuestion q : questions) {
            if (!done.add(q.id())) {
                tally.skipped++;
                continue;
            }
            pending.add(workers.submit(() -> {
                Attempt a = answerer.answer(q);
                synchronized (tally) {
                    if (a.retryable()) {
                        tally.retry++;
                    } else {
                        rows.add(out.write(q, a, KEEP_PREDICTIONS));
                        tally.answered++;
                        tally.failed += a.failedAt() == Attempt.Stage.NONE ? 0 : 1;
                    }
                }
            }));
        }
        awaitAll(pending);
    }

    private static void awaitTermination(ExecutorService workers) {
        try {
            if (!workers.awaitTermination(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("answering threads did not stop within a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for every task, rethrowing the first failure as it was thrown. */
    private static void awaitAll(List<Future<?>> pending) {
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while answering questions", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /** Counts of one run; guarded by its own monitor. */
    private static final class Tally {
        int answered;
        int skipped;
        int failed;
        int retry;
    }
}
