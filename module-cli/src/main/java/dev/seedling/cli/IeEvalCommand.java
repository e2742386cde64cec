package dev.seedling.cli;

import dev.seedling.eval.ie.AnnotatedSentence;
import dev.seedling.eval.ie.IeTask;
import dev.seedling.eval.ie.data.IeDataFiles;
import dev.seedling.eval.ie.render.CodeStyle;
import dev.seedling.eval.ie.run.IeEvalOptions;
import dev.seedling.eval.ie.run.IeEvaluation;
import dev.seedling.eval.ie.run.IeReport;
import dev.seedling.eval.ie.schema.SchemaLoader;
import dev.seedling.eval.ie.schema.SchemaRegistry;
import dev.seedling.eval.ie.score.DuplicatePolicy;
import dev.seedling.eval.ie.score.IeScore;
import dev.seedling.eval.ie.score.Prf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code seedling ie-eval}: AlignXIE-style extraction as code generation ({@link IeEvaluation}). Exit code 0 when the
 * model answered every sentence, 3 when some requests failed (rerun with {@code --resume} to ask only those).
 */
@Command(name = "ie-eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Information extraction as code: render the schema as Python classes, ask the model to"
                + " instantiate them for each sentence, parse its output without running it, and score micro P/R/F1.",
                "Answers are appended to OUT/predictions.jsonl; --resume asks only sentences not yet answered."
                        + " Exit code 3: some requests failed."})
final class IeEvalCommand implements Callable<Integer> {
    @Option(names = "--schema", required = true, paramLabel = "S", description = "schema JSON file, or builtin:NAME"
            + " (builtin:conll03)")
    String schema;
    @Option(names = "--data", required = true, paramLabel = "D", description = "gold data: KnowCoder JSON/JSONL,"
            + " CoNLL BIO (.conll/.bio/.txt) or ParallelNER JSON/JSONL")
    Path data;
    @Mixin
    ModelOptions models;
    @Option(names = "--task", required = true, paramLabel = "TASK", description = "ner, re, ed or eae")
    String task;
    @Mixin
    OutputOptions output;
    @Option(names = "--lang", paramLabel = "TAG", description = "language of records that name none, and of CoNLL"
            + " files (default ${DEFAULT-VALUE})")
    String lang = "und";
    @Option(names = "--style", paramLabel = "STYLE", description = "knowcoder (default) or gollie")
    CodeStyle style = CodeStyle.KNOWCODER;
    @Option(names = "--duplicates", paramLabel = "POLICY", description = "multiset (default), set or knowcoder")
    DuplicatePolicy duplicates = DuplicatePolicy.MULTISET;
    @Option(names = "--max-tokens", paramLabel = "N", description = "reply length limit (default ${DEFAULT-VALUE})")
    int maxTokens = 1024;

    @Override
    public Integer call() {
        IeTask ieTask = IeTask.parse(task);
        RunFolder.refuseEarlierRun(output.out, "predictions.jsonl", output.resume);
        Path schemaFile = Path.of(schema);
        IeEvalOptions defaults = IeEvalOptions.defaults();
        IeEvalOptions options = new IeEvalOptions(style, defaults.matcher(), duplicates,
                defaults.filterHallucinations(), defaults.caseSensitiveFilter(), defaults.regexFallback(), maxTokens,
                models.concurrency);
        SchemaRegistry registry = schema.startsWith("builtin:")
                ? SchemaLoader.builtin(schema.substring("builtin:".length())) : SchemaLoader.load(schemaFile);
        List<AnnotatedSentence> sentences = IeDataFiles.load(data, lang);
        IeReport report;
        String failure;
        try (ChatEndpoint model = models.open(false)) {
            IeEvaluation run = new IeEvaluation(registry, sentences, model.model(), ieTask, output.out, options);
            Map<String, String> identity = new LinkedHashMap<>();
            identity.put("command", "ie-eval");
            identity.put("model", model.model().name());
            identity.put("task", ieTask.id());
            identity.put("style", style.name().toLowerCase(java.util.Locale.ROOT));
            identity.put("schema", schema.startsWith("builtin:") ? schema : RunFolder.sha256(schemaFile));
            identity.put("data_sha256", RunFolder.sha256(data));
            RunFolder.prepare(output.out, "predictions.jsonl", output.resume, identity);
            report = run.run();
            failure = model.lastFailure().map(f -> "last model failure: " + f + "\n").orElse("");
        }
        new PrintStream(System.out, true, StandardCharsets.UTF_8).print(summary(report, output.out) + failure);
        return report.modelErrors() == 0 ? 0 : 3;
    }

    static String summary(IeReport r, Path out) {
        TextTable t = new TextTable("metric", "P", "R", "F1", "TP", "pred", "gold");
        for (IeScore s : r.scores()) {
            Prf p = s.overall();
            t.row(s.metric().name().toLowerCase(java.util.Locale.ROOT), TextTable.pct(p.precision()),
                    TextTable.pct(p.recall()), TextTable.pct(p.f1()), p.truePositives(), p.predicted(), p.gold());
        }
        StringBuilder sb = new StringBuilder();
        sb.append("IE ").append(r.task().id()).append(": ").append(r.model()).append(", ").append(r.items())
                .append(" sentences\n").append(t.render());
        sb.append("model outputs: ").append(r.parseStatus()).append("; removed by the hallucination filter: ")
                .append(r.filtered().total()).append('\n');
        if (r.modelErrors() > 0) {
            sb.append(r.modelErrors()).append(" sentences failed at the model (scored as predicting nothing); rerun"
                    + " with --resume to ask them again\n");
        }
        sb.append("report: ").append(out.resolve("report.md")).append(" (and report.json, predictions.jsonl)\n");
        return sb.toString();
    }
}
