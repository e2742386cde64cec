package dev.seedling.cli;

import dev.seedling.data.tkg.CronKgLoader;
import dev.seedling.data.tkg.MultiTqKgLoader;
import dev.seedling.data.tkg.TemporalKg;
import dev.seedling.data.tkg.TkgQuestion;
import dev.seedling.data.tkg.TkgQuestionLoader;
import dev.seedling.eval.tkgqa.PipelineConfig;
import dev.seedling.eval.tkgqa.PipelineSummary;
import dev.seedling.eval.tkgqa.TkgqaPipeline;
import dev.seedling.eval.tkgqa.draft.CategoryClassifier;
import dev.seedling.eval.tkgqa.draft.DemoPool;
import dev.seedling.eval.tkgqa.metric.HitsReport;
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
 * pipeline once over the questions with a fixed demo pool; further pipeline variants (another embedder, the
 * self-improvement loop) belong here as options that change the {@link PipelineConfig} or wrap the pipeline. Exit
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
            RunFolder.prepare(output.out, TkgqaPipeline.RESULTS, output.resume, identity);
            summary = new TkgqaPipeline(config, pool).run(graph, qs, model.model(), output.out);
            failure = model.lastFailure().map(f -> "last model failure: " + f + "\n").orElse("");
        }
        new PrintStream(System.out, true, StandardCharsets.UTF_8).print(summary(summary, qs.size()) + failure);
        return summary.retryLater() == 0 ? 0 : 3;
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
