package dev.seedling.cli;

import dev.seedling.data.tkg.CronKgLoader;
import dev.seedling.data.tkg.MultiTqKgLoader;
import dev.seedling.data.tkg.TemporalKg;
import dev.seedling.data.tkg.TkgQuestion;
import dev.seedling.data.tkg.TkgQuestionLoader;
import dev.seedling.eval.chat.ChatModel;
import dev.seedling.eval.local.LocalModel;
import dev.seedling.eval.local.ModelEmbedder;
import dev.seedling.eval.tkgqa.PipelineConfig;
import dev.seedling.eval.tkgqa.PipelineSummary;
import dev.seedling.eval.tkgqa.RoundStatistics;
import dev.seedling.eval.tkgqa.SelfImprovementLoop;
import dev.seedling.eval.tkgqa.TkgqaPipeline;
import dev.seedling.eval.tkgqa.draft.CategoryClassifier;
import dev.seedling.eval.tkgqa.draft.DemoPool;
import dev.seedling.eval.tkgqa.metric.HitsAtK;
import dev.seedling.eval.tkgqa.metric.HitsReport;
import dev.seedling.eval.tkgqa.tune.FineTuneRound;
import dev.seedling.eval.tkgqa.tune.FineTuneSelfImprovementLoop;
import dev.seedling.eval.tkgqa.tune.FineTuneSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code seedling tkgqa}: Prog-TQA question answering over a temporal KG ({@link TkgqaPipeline}): the model drafts a
 * program per question, which is linked to the KG and interpreted (never executed as code). This command runs the
 * pipeline over the questions; {@code --embedder model:DIR} links relations with a Seedling model's embeddings, and
 * {@code --self-improve in-context|fine-tune} first runs the paper's self-improvement loop on
 * {@code --train-questions} (growing the demo pool, or fine-tuning {@code --student} which then answers). Exit
 * code 0 when every question is answered, 3 when some model calls failed (rerun with {@code --resume}).
 */
@Command(name = "tkgqa", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prog-TQA: answer temporal KG questions by programs the model drafts, linked and interpreted"
                + " over the KG; report Hits@1 and Hits@10 overall and by question type.",
                "Rows are appended to OUT/results.jsonl as questions finish; --resume skips answered questions."
                        + " Exit code 3: some model calls failed."})
final class TkgqaCommand implements Callable<Integer> {
    /** The two dataset formats. */
    enum Format { MULTITQ, CRON }

    @Option(names = "--kg", required = true, paramLabel = "KG", description = "the KG: a fact TSV (repeatable) or a"
            + " folder holding full.txt (and, for cron, wd_id2entity_text.txt and wd_id2relation_text.txt)")
    List<Path> kg;
    @Option(names = "--questions", required = true, paramLabel = "Q", description = "questions (JSON array or JSONL)")
    Path questions;
    @Mixin
    ModelOptions models;
    @Mixin
    OutputOptions output;
    @Option(names = "--format", paramLabel = "FORMAT", description = "multitq (default: head rel tail YYYY-MM-DD)"
            + " or cron (Qhead Prel Qtail start end, with text maps)")
    Format format = Format.MULTITQ;
    @Option(names = "--entity-text", paramLabel = "FILE", description = "cron: entity id to label map")
    Path entityText;
    @Option(names = "--relation-text", paramLabel = "FILE", description = "cron: relation id to label map")
    Path relationText;
    @Option(names = "--demos", paramLabel = "FILE", description = "demo programs (JSONL: question, category,"
            + " program); default: the built-in seed demos")
    Path demos;
    @Option(names = "--category", paramLabel = "HOW", description = "how a question's demo category is chosen:"
            + " oracle (its gold type, default) or keywords (MultiTQ wording rules)")
    String category = "oracle";
    @Option(names = "--embedder", paramLabel = "KIND", description = "relation linking: tfidf (character n-gram"
            + " TF-IDF, default) or model:DIR (mean-pooled hidden states of a Seedling model directory)")
    String embedder = "tfidf";
    @Option(names = "--self-improve", paramLabel = "HOW", description = "before evaluating, improve on"
            + " --train-questions: none (default), in-context (verified programs join the demo pool) or fine-tune"
            + " (verified programs fine-tune the Seedling model --student, which then answers)")
    String selfImprove = "none";
    @Option(names = "--train-questions", paramLabel = "FILE", description = "questions with gold answers for"
            + " --self-improve (same format as --questions)")
    Path trainQuestions;
    @Option(names = "--rounds", paramLabel = "N", description = "self-improvement rounds (default ${DEFAULT-VALUE})")
    int rounds = 2;
    @Option(names = "--student", paramLabel = "DIR", description = "fine-tune: the Seedling model directory to"
            + " fine-tune (its rounds are saved under OUT/self-improve; the model directory itself is not changed)")
    Path student;

    @Override
    public Integer call() {
        RunFolder.refuseEarlierRun(output.out, TkgqaPipeline.RESULTS, output.resume);
        List<Path> kgFiles = kgFiles();
        boolean cron = format == Format.CRON;
        TemporalKg graph = cron ? CronKgLoader.load(kgFiles.toArray(Path[]::new))
                : MultiTqKgLoader.load(kgFiles.toArray(Path[]::new));
        List<TkgQuestion> qs = cron ? TkgQuestionLoader.loadCron(questions) : TkgQuestionLoader.loadMultiTq(questions);
        PipelineConfig config = (cron ? PipelineConfig.cron() : PipelineConfig.multiTq())
                .withClassifier(classifier()).withParallelism(models.concurrency);
        Path entities = textMap(entityText, "wd_id2entity_text.txt");
        Path relations = textMap(relationText, "wd_id2relation_text.txt");
        if (entities != null || relations != null) {
            config = config.withTexts(relations == null ? Map.of() : CronKgLoader.loadTextMap(relations),
                    entities == null ? Map.of() : CronKgLoader.loadTextMap(entities));
        }
        DemoPool pool = demos != null ? DemoPool.load(demos)
                : DemoPool.seeds(cron ? TkgQuestion.Dataset.CRON : TkgQuestion.Dataset.MULTITQ);
        String improve = selfImprove.toLowerCase(Locale.ROOT);
        if (!List.of("none", "in-context", "fine-tune").contains(improve)) {
            throw new IllegalArgumentException("--self-improve must be none, in-context or fine-tune, not '"
                    + selfImprove + "'");
        }
        if (!improve.equals("none") && trainQuestions == null) {
            throw new IllegalArgumentException("--self-improve " + improve + " needs --train-questions FILE");
        }
        if (improve.equals("fine-tune") && student == null) {
            throw new IllegalArgumentException("--self-improve fine-tune needs --student DIR (a Seedling model"
                    + " directory to fine-tune)");
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1 but is " + rounds);
        }
        List<TkgQuestion> train = trainQuestions == null ? List.of()
                : cron ? TkgQuestionLoader.loadCron(trainQuestions) : TkgQuestionLoader.loadMultiTq(trainQuestions);
        TkgqaPipeline pipeline = embedder.equals("tfidf") ? new TkgqaPipeline(config, pool)
                : new TkgqaPipeline(config, pool).withEmbedder(modelEmbedder());
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PipelineSummary summary;
        String failure;
        try (ChatEndpoint model = models.open(false)) {
            Map<String, String> identity = new LinkedHashMap<>();
            identity.put("command", "tkgqa");
            identity.put("model", model.model().name());
            identity.put("format", format.name().toLowerCase(Locale.ROOT));
            identity.put("kg_sha256", String.join(",", kgFiles.stream().map(RunFolder::sha256).toList()));
            identity.put("demos", demos == null ? "built-in seeds" : RunFolder.sha256(demos));
            identity.put("category", category);
            identity.put("embedder", embedder);
            identity.put("self_improve", improve);
            if (!improve.equals("none")) {
                identity.put("train_questions_sha256", RunFolder.sha256(trainQuestions));
                identity.put("rounds", Integer.toString(rounds));
            }
            if (student != null) {
                identity.put("student", student.toAbsolutePath().normalize().toString());
            }
            RunFolder.prepare(output.out, TkgqaPipeline.RESULTS, output.resume, identity);
            HitsAtK hits = new HitsAtK(config.matching());
            ChatModel answering = model.model();
            switch (improve) {
                case "in-context" -> {
                    var stats = new SelfImprovementLoop(pipeline.answerer(graph, model.model()), pool, hits, rounds, 1)
                            .run(train);
                    stats.forEach(r -> out.println(roundLine(r)));
                }
                case "fine-tune" -> {
                    var loop = new FineTuneSelfImprovementLoop(m -> pipeline.answerer(graph, m),
                            LocalModel.load(student), hits, FineTuneSettings.defaults(rounds),
                            output.out.resolve("self-improve"));
                    for (FineTuneRound r : loop.run(train, model.model())) {
                        out.println(roundLine(r.drafting()) + String.format(Locale.ROOT,
                                "; trained %d examples for %d steps, loss %.4f -> %.4f; saved %s", r.examples(),
                                r.steps(), r.lossBefore(), r.lossAfter(), r.checkpoint()));
                    }
                    answering = loop.tunedModel();
                }
                default -> { }
            }
            summary = pipeline.run(graph, qs, answering, output.out);
            failure = model.lastFailure().map(f -> "last model failure: " + f + "\n").orElse("");
        }
        out.print(summary(summary, qs.size()) + failure);
        return summary.retryLater() == 0 ? 0 : 3;
    }

    /** The {@code --embedder model:DIR} embedder (tfidf is the pipeline's default, built from the KG). */
    private ModelEmbedder modelEmbedder() {
        if (embedder.startsWith("model:")) {
            return ModelEmbedder.load(Path.of(embedder.substring("model:".length())));
        }
        throw new IllegalArgumentException("--embedder must be tfidf or model:DIR, not '" + embedder + "'");
    }

    private static String roundLine(RoundStatistics r) {
        return String.format(Locale.ROOT, "self-improvement round %d: %d attempted, %d verified (%.0f%%), pool %d",
                r.round(), r.attempted(), r.verified(), 100 * r.yield(), r.poolSize());
    }

    private CategoryClassifier classifier() {
        return switch (category.toLowerCase(Locale.ROOT)) {
            case "oracle" -> CategoryClassifier.ORACLE;
            case "keywords" -> CategoryClassifier.KEYWORDS;
            default -> throw new IllegalArgumentException("--category must be oracle or keywords, not '" + category
                    + "'");
        };
    }

    /** The KG files: each --kg file, or a folder's full.txt. */
    private List<Path> kgFiles() {
        List<Path> files = new ArrayList<>();
        for (Path p : kg) {
            if (Files.isDirectory(p)) {
                Path full = p.resolve("full.txt");
                if (!Files.isRegularFile(full)) {
                    throw new IllegalArgumentException("--kg " + p + " is a folder without full.txt; pass the fact"
                            + " file(s) themselves");
                }
                files.add(full);
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new IllegalArgumentException("--kg " + p + ": no such file or folder");
            }
        }
        return files;
    }

    /** An explicit text map, else the one of that name beside a --kg folder, else null. */
    private Path textMap(Path explicit, String name) {
        if (explicit != null) {
            return explicit;
        }
        for (Path p : kg) {
            if (Files.isDirectory(p) && Files.isRegularFile(p.resolve(name))) {
                return p.resolve(name);
            }
        }
        return null;
    }

    static String summary(PipelineSummary s, int questions) {
        HitsReport r = s.report();
        TextTable t = new TextTable("", "N", "Hits@1", "Hits@10");
        t.row("overall", r.overall().count(), TextTable.pct(r.overall().hits1()), TextTable.pct(r.overall().hits10()));
        for (String breakdown : List.of("qtype", "type")) {
            Map<String, HitsReport.Bucket> b = r.breakdowns().get(breakdown);
            if (b != null) {
                b.forEach((label, bucket) -> t.row("  " + label, bucket.count(), TextTable.pct(bucket.hits1()),
                        TextTable.pct(bucket.hits10())));
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Prog-TQA: ").append(questions).append(" questions; answered ").append(s.answered())
                .append(" now, ").append(s.skipped()).append(" earlier; ").append(s.failed())
                .append(" failed to draft, parse, validate or execute (scored 0)\n").append(t.render())
                .append("answer matching: ").append(r.matching()).append('\n');
        if (s.retryLater() > 0) {
            sb.append(s.retryLater()).append(" questions left out because the model call failed; rerun with --resume"
                    + " to ask them\n");
        }
        sb.append("results: ").append(s.results()).append("; metrics: ").append(s.metrics()).append('\n');
        return sb.toString();
    }
}
