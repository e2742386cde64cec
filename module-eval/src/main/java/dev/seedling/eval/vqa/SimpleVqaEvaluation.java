package dev.seedling.eval.vqa;

import dev.seedling.data.vqa.VqaDataset;
import dev.seedling.data.vqa.VqaItem;
import dev.seedling.eval.chat.ChatModel;
import dev.seedling.eval.chat.ChatModelException;
import dev.seedling.eval.chat.ChatRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import lombok.extern.slf4j.Slf4j;

/**
 * The SimpleVQA pipeline, end to end: for each item ask the model (image + answer prompt), ask the judge to grade the
 * reply against the gold answer, and aggregate; optionally the calibration prompt and the atomic-question probe.
 * This is the entry point the {@code seedling vqa-eval} command wraps:
 * <pre>
 * VqaDataset data = new SimpleVqaLoader().load(itemsFile);
 * VqaRunOutcome out = SimpleVqaEvaluation.run(data, ChatModels.open(modelSpec), ChatModels.open(judgeSpec),
 *         outDir, VqaRunOptions.defaults().withResume(resume));
 * </pre>
 *
 * <h2>Output folder</h2>
 * {@code run.json} (the {@link VqaRunManifest}), {@code results.jsonl} (every answer, grade and failure, appended as
 * it arrives; see {@link VqaResultLog}), {@code report.md}, {@code report.json} and the SVG plots.
 *
 * <h2>Failures and resuming</h2>
 * A step that fails after the client's own retries is logged to the results file and the item is left unfinished;
 * other items go on until {@link VqaRunOptions#maxConsecutiveFailures()} items in a row have failed, then no new
 * items start. Nothing finished is ever lost or asked again: a run with {@link VqaRunOptions#resume()} skips every
 * recorded answer and grade, including an answer whose grade is missing (only the judge is asked). A report is written
 * even for an unfinished run; {@link VqaReport#complete()} says whether it covers every item.
 *
 * <p>One run at a time per instance (not thread-safe); an instance may be run again, e.g. to resume.
 */
@Slf4j
public final class SimpleVqaEvaluation {
    private final ChatModel model;
    private final Judge judge;
    private final VqaRunOptions options;
    private final AnswerPromptBuilder answerPrompts;
    private final JudgePromptBuilder judgePrompts;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicInteger failedItems = new AtomicInteger();

    /**
     * A run of {@code model} graded by {@code judge}. {@code judgePrompts} are recorded in the manifest; they should be
     * the ones {@code judge} uses ({@link ChatJudge} takes them too).
     */
    public SimpleVqaEvaluation(ChatModel model, Judge judge, VqaRunOptions options,
            AnswerPromptBuilder answerPrompts, JudgePromptBuilder judgePrompts) {
        this.model = Objects.requireNonNull(model, "model");
        this.judge = Objects.requireNonNull(judge, "judge");
        this.options = Objects.requireNonNull(options, "options");
        this.answerPrompts = Objects.requireNonNull(answerPrompts, "answerPrompts");
        this.judgePrompts = Objects.requireNonNull(judgePrompts, "judgePrompts");
    }

    /**
     * Runs (or resumes) the evaluation of {@code data} with the bundled prompts and writes everything to
     * {@code outDir}.
     *
     * @throws VqaRunException      when {@code outDir} holds results but resume is off, or holds a run made with
     *                              another dataset, model, judge or prompt wording
     * @throws UncheckedIOException when the folder cannot be written
     */
    public static VqaRunOutcome run(VqaDataset data, ChatModel model, ChatModel judge, Path outDir,
            VqaRunOptions options) {
        JudgePromptBuilder judgePrompts = JudgePromptBuilder.bundled();
        return new SimpleVqaEvaluation(model, new ChatJudge(judge, options.judge(), judgePrompts), options,
                AnswerPromptBuilder.bundled(), judgePrompts).run(data, outDir);
    }

    /** See {@link #run(VqaDataset, ChatModel, ChatModel, Path, VqaRunOptions)}. */
    public VqaRunOutcome run(VqaDataset data, Path outDir) {
        consecutiveFailures.set(0);
        stopped.set(false);
        failedItems.set(0);
        VqaRunManifest manifest = manifest(data);
        Path results = outDir.resolve("results.jsonl");
        Path manifestFile = outDir.resolve("run.json");
        prepare(outDir, results, manifestFile, manifest);
        int alreadyDone;
        try (VqaResultLog resultLog = VqaResultLog.open(results)) {
            alreadyDone = (int) data.items().stream().filter(i -> isDone(resultLog, i)).count();
            log.info("SimpleVQA: {} items, {} already done; model {}, judge {}, output {}", data.items().size(),
                    alreadyDone, model.name(), judge.name(), outDir);
            processAll(data.items(), resultLog);
            VqaReport report = new ReportAssembler(options).assemble(manifest, data.items(), resultLog);
            List<Path> files = new VqaReportWriter().write(report, outDir);
            log.info("SimpleVQA: {} of {} items graded; report in {}", report.itemsGraded(), report.itemsTotal(),
                    files.get(0));
            return new VqaRunOutcome(outDir, report, alreadyDone, failedItems.get(), stopped.get());
        }
    }

    private VqaRunManifest manifest(VqaDataset data) {
        Map<String, String> prompts = new LinkedHashMap<>();
        answerPrompts.templates().forEach(t -> prompts.put(t.id(), t.sha256()));
        for (JudgePrompt p : JudgePrompt.values()) {
            PromptTemplate t = judgePrompts.template(p);
            prompts.put(t.id(), t.sha256());
        }
        return new VqaRunManifest(data.source().toString(), data.sha256(), data.items().size(), model.name(),
                judge.name(), options.judge(), prompts);
    }

    private void prepare(Path outDir, Path results, Path manifestFile, VqaRunManifest manifest) {
        try {
            Files.createDirectories(outDir);
            boolean hasResults = Files.exists(results) && Files.size(results) > 0;
            if (hasResults && !options.resume()) {
                throw new VqaRunException(outDir, "holds results of an earlier run (" + results.getFileName()
                        + "); resume it or choose another output folder");
            }
            if (hasResults && Files.exists(manifestFile)) {
                String why = manifest.incompatibilityWith(VqaRunManifest.read(manifestFile));
                if (why != null) {
                    throw new VqaRunException(outDir, "cannot resume: the earlier run differs in " + why);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare output folder " + outDir + ": " + e.getMessage(), e);
        }
        manifest.write(manifestFile);
    }

    private void processAll(List<VqaItem> items, VqaResultLog resultLog) {
        ExecutorService pool = Executors.newFixedThreadPool(options.concurrency());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (VqaItem item : items) {
                futures.add(pool.submit(() -> processItem(item, resultLog)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped.set(true);
            log.warn("SimpleVQA: interrupted; finished work is in {}", resultLog.file());
        } catch (ExecutionException e) {
            throw new IllegalStateException("SimpleVQA item task failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void processItem(VqaItem item, VqaResultLog resultLog) {
        if (stopped.get() || isDone(resultLog, item)) {
            return;
        }
        try {
            step(item, RunStage.MAIN, item.question(), item.answer(), resultLog);
            if (options.calibration()) {
                step(item, RunStage.CALIBRATION, item.question(), item.answer(), resultLog);
            }
            if (options.atomicProbe() && item.hasAtomicProbe()) {
                Grade atomic = step(item, RunStage.ATOMIC, item.atomicQuestion(), item.atomicFact(), resultLog);
                if (atomic == Grade.CORRECT) {
                    step(item, RunStage.HINTED, AtomicProbe.hintedQuestion(item), item.answer(), resultLog);
                }
            }
            consecutiveFailures.set(0);
        } catch (UncheckedIOException e) {
            // e.g. an image file removed since loading: this item fails, the endpoint is fine
            failedItems.incrementAndGet();
            resultLog.recordError(item.id(), RunStage.MAIN, "item", e.getMessage());
            log.error("SimpleVQA item {}: {}", item.id(), e.getMessage());
        } catch (ChatModelException e) {
            failedItems.incrementAndGet();
            int inARow = consecutiveFailures.incrementAndGet();
            if (inARow >= options.maxConsecutiveFailures() && stopped.compareAndSet(false, true)) {
                log.error("SimpleVQA: {} items failed in a row; starting no new items. Finished work is kept in {};"
                        + " resume to continue. Last failure: {}", inARow, resultLog.file(), e.getMessage());
            }
        }
    }

    /** Asks the model (unless recorded) and the judge (unless recorded); returns the grade. */
    private Grade step(VqaItem item, RunStage stage, String question, String gold, VqaResultLog resultLog) {
        boolean confidence = stage == RunStage.CALIBRATION;
        String answer = resultLog.answer(item.id(), stage).orElse(null);
        if (answer == null) {
            ChatRequest request = answerPrompts.request(item.image(), item.language(), question, confidence);
            try {
                answer = Objects.requireNonNullElse(model.complete(request).text(), "");
            } catch (ChatModelException e) {
                resultLog.recordError(item.id(), stage, "model", e.getMessage());
                throw e;
            }
            resultLog.recordAnswer(item.id(), stage, answer, model.name(),
                    answerPrompts.template(item.language(), confidence).id());
        }
        var recorded = resultLog.grade(item.id(), stage);
        if (recorded.isPresent()) {
            return recorded.get().grade().grade();
        }
        String prediction = confidence ? ConfidentAnswer.parse(answer).map(ConfidentAnswer::answer).orElse(answer)
                : answer;
        JudgeVerdict verdict;
        try {
            verdict = judge.grade(question, gold, prediction, item.language());
        } catch (ChatModelException e) {
            resultLog.recordError(item.id(), stage, "judge", e.getMessage());
            throw e;
        }
        ParsedGrade grade = verdict.grade();
        if (grade.parseFailed()) {
            String output = verdict.output();
            log.warn("SimpleVQA item {} ({}): judge output not understood, graded NOT_ATTEMPTED: {}", item.id(),
                    stage, output.length() > 200 ? output.substring(0, 200) + "..." : output);
        }
        resultLog.recordGrade(item.id(), stage, grade, verdict.output(), judge.name(), verdict.promptId());
        return grade.grade();
    }

    private boolean isDone(VqaResultLog resultLog, VqaItem item) {
        if (resultLog.grade(item.id(), RunStage.MAIN).isEmpty()) {
            return false;
        }
        if (options.calibration() && resultLog.grade(item.id(), RunStage.CALIBRATION).isEmpty()) {
            return false;
        }
        if (options.atomicProbe() && item.hasAtomicProbe()) {
            var atomic = resultLog.grade(item.id(), RunStage.ATOMIC);
            if (atomic.isEmpty()) {
                return false;
            }
            return atomic.get().grade().grade() != Grade.CORRECT
                    || resultLog.grade(item.id(), RunStage.HINTED).isPresent();
        }
        return true;
    }
}
