package dev.seedling.cli;

import dev.seedling.data.vqa.SimpleVqaLoader;
import dev.seedling.data.vqa.VqaDataset;
import dev.seedling.eval.vqa.AtomicProbe;
import dev.seedling.eval.vqa.JudgeChoice;
import dev.seedling.eval.vqa.Metrics;
import dev.seedling.eval.vqa.SimpleVqaEvaluation;
import dev.seedling.eval.vqa.VqaReport;
import dev.seedling.eval.vqa.VqaRunOptions;
import dev.seedling.eval.vqa.VqaRunOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code seedling vqa-eval}: the SimpleVQA benchmark ({@link SimpleVqaEvaluation}) from the command line. Exit code 0
 * when every item is graded, 3 when some are left unfinished (rerun with {@code --resume}).
 */
@Command(name = "vqa-eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"SimpleVQA: ask a model about images, grade its answers with a judge model, report CO, NA, IN,"
                + " CGA and F overall and by language, task and topic.",
                "Every answer and grade is appended to OUT/results.jsonl as it arrives; --resume continues an"
                        + " interrupted run without asking finished items again. Exit code 3: items left unfinished."})
final class VqaEvalCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "ITEMS", description = "SimpleVQA items (JSON or JSONL)")
    Path data;
    @Mixin
    ModelOptions models;
    @Option(names = "--judge", required = true, paramLabel = "URL|DIR", description = "the judge model, as --model")
    String judge;
    @Option(names = "--judge-name", paramLabel = "NAME", description = "the judge's model name when its URL has no"
            + " #NAME")
    String judgeName;
    @Option(names = "--judge-api-key-env", paramLabel = "VAR", description = "environment variable holding the"
            + " judge's API key (default: the same as --api-key-env)")
    String judgeApiKeyEnv;
    @Mixin
    OutputOptions output;
    @Option(names = "--judge-prompt", paramLabel = "CHOICE", description = "simplevqa_cn_json (the official grader,"
            + " default), simpleqa_en_letter, or by_language (CN grader for CN items, SimpleQA's for EN)")
    JudgeChoice judgePrompt = JudgeChoice.SIMPLEVQA_CN_JSON;
    @Option(names = "--calibration", description = "also ask for answer + confidence; report ECE and a reliability"
            + " diagram")
    boolean calibration;
    @Option(names = "--calibration-bins", paramLabel = "N", description = "confidence bins for ECE (default"
            + " ${DEFAULT-VALUE})")
    int calibrationBins = 10;
    @Option(names = "--atomic-probe", description = "also ask items' atomic questions to split errors into visual"
            + " and knowledge errors")
    boolean atomicProbe;
    @Option(names = "--compat-rounding", description = "round CO/IN/NA to 4 decimals before CGA and F, like the"
            + " official script")
    boolean compatRounding;
    @Option(names = "--text-only", description = "the --model reads text only: replace each image with a marker"
            + " (always on for a model directory)")
    boolean textOnly;
    @Option(names = "--max-consecutive-failures", paramLabel = "N", description = "start no new items after N failed"
            + " in a row (default ${DEFAULT-VALUE})")
    int maxConsecutiveFailures = 10;

    @Override
    public Integer call() {
        RunFolder.refuseEarlierRun(output.out, "results.jsonl", output.resume);
        VqaDataset dataset = new SimpleVqaLoader().load(data);
        VqaRunOptions options = new VqaRunOptions(judgePrompt, calibration, atomicProbe, compatRounding,
                models.concurrency, maxConsecutiveFailures, output.resume, calibrationBins);
        String judgeKey = judgeApiKeyEnv != null ? judgeApiKeyEnv : models.apiKeyEnv;
        VqaRunOutcome outcome;
        StringBuilder failures = new StringBuilder();
        // one model directory as model and judge: serve it once
        boolean sameDirectory = judge.strip().equals(models.model.strip()) && !judge.strip().startsWith("http");
        try (ChatEndpoint model = models.open(textOnly);
             ChatEndpoint judgeModel = sameDirectory ? model
                     : models.open("--judge", judge, judgeName, judgeKey, false)) {
            outcome = SimpleVqaEvaluation.run(dataset, model.model(), judgeModel.model(), output.out, options);
            model.lastFailure().ifPresent(f -> failures.append("last model failure: ").append(f).append('\n'));
            if (!sameDirectory) {
                judgeModel.lastFailure().ifPresent(f -> failures.append("last judge failure: ").append(f)
                        .append('\n'));
            }
        }
        PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        stdout.print(summary(outcome));
        stdout.print(failures);
        return outcome.complete() ? 0 : 3;
    }

    static String summary(VqaRunOutcome outcome) {
        VqaReport r = outcome.report();
        TextTable t = new TextTable("", "N", "CO", "NA", "IN", "CGA", "F", "unparsed");
        row(t, "overall", r.factuality().overall());
        for (Map.Entry<String, Metrics> e : r.factuality().byLanguage().entrySet()) {
            row(t, e.getKey(), e.getValue());
        }
        StringBuilder sb = new StringBuilder();
        sb.append("SimpleVQA: ").append(r.manifest().model()).append(", judged by ").append(r.manifest().judge())
                .append('\n').append(t.render());
        sb.append("unparsed: judge outputs not understood, graded NOT_ATTEMPTED\n");
        if (r.calibration() != null && r.calibration().n() > 0) {
            sb.append(String.format(java.util.Locale.ROOT, "calibration: ECE %.3f over %d answers (%d unreadable)%n",
                    r.calibration().ece(), r.calibration().n(), r.calibrationUnparsed()));
        } else if (r.calibration() != null) {
            sb.append("calibration: no reply held a readable answer and confidence (").append(r.calibrationUnparsed())
                    .append(" unreadable)\n");
        }
        if (!r.probe().isEmpty()) {
            sb.append("atomic probe on wrong or unattempted items:");
            for (AtomicProbe.Outcome o : AtomicProbe.Outcome.values()) {
                sb.append(' ').append(o.name().toLowerCase(java.util.Locale.ROOT)).append(' ')
                        .append(r.probeOnErrors().getOrDefault(o, 0));
            }
            sb.append(" (visual: the entity was not recognised; knowledge: recognised but not known)\n");
        }
        sb.append(r.itemsGraded()).append(" of ").append(r.itemsTotal()).append(" items graded (")
                .append(outcome.alreadyDone()).append(" from an earlier run)\n");
        if (!outcome.complete()) {
            sb.append(r.itemsTotal() - r.itemsGraded()).append(" items unfinished; rerun with --resume to finish"
                    + " them\n");
        }
        sb.append("report: ").append(outcome.outDir().resolve("report.md")).append(" (and report.json, results.jsonl,"
                + " run.json)\n");
        return sb.toString();
    }

    private static void row(TextTable t, String label, Metrics m) {
        t.row(label, m.n(), TextTable.pct(m.co()), TextTable.pct(m.na()), TextTable.pct(m.in()),
                TextTable.pct(m.cga()), TextTable.pct(m.f()), m.parseFailures());
    }
}
