package dev.seedling.cli;

import dev.seedling.data.tokenizer.BpeTrainer;
import dev.seedling.data.tokenizer.BpeTrainerConfig;
import dev.seedling.data.tokenizer.TokenizerJson;
import dev.seedling.data.tokenizer.Utf8Policy;
import dev.seedling.models.checkpoint.ModelDirectory;
import dev.seedling.models.transformer.TransformerConfig;
import dev.seedling.models.transformer.TransformerLM;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vqa-eval, ie-eval and tkgqa commands end to end on the bundled examples (docs/examples): against a real
 * {@code seedling serve} process on loopback serving a tiny model (which answers garbage, so the runs must complete
 * and count what they could not read), against a model directory served in process, against an endpoint that fails
 * midway followed by a {@code --resume} run, and with bad arguments.
 */
class EvalCommandsTest {
    private static final Path EXAMPLES = Path.of("..", "docs", "examples").toAbsolutePath().normalize();
    private static Path model;
    private static ServeProcess serve;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainATinyModelAndServeIt() throws Exception {
        model = tinyModel(Files.createTempDirectory("seedling-eval-cli").resolve("model"));
        serve = new ServeProcess(model, "--fit-context", "--threads", "2");
    }

    /**
     * An untrained model directory: a small byte-level BPE and a randomly initialised transformer with a context of
     * 48 tokens. It writes garbage, which is all these tests need from a model, and takes well under a second.
     */
    static Path tinyModel(Path dir) throws IOException {
        Files.createDirectories(dir);
        var tok = BpeTrainer.train(new BpeTrainerConfig(300, List.of("<|endoftext|>"), 2, Utf8Policy.LENIENT),
                List.of("hello world. hello there.\n".repeat(20)));
        TokenizerJson.write(tok, dir.resolve(ModelDirectory.TOKENIZER));
        ModelDirectory.save(new TransformerLM(TransformerConfig.small().toBuilder().vocabSize(tok.vocabSize())
                .dModel(16).layers(1).heads(2).kvHeads(2).ffnHidden(32).maxSeqLen(48).build()), dir);
        return dir;
    }

    @AfterAll
    static void stopTheServer() throws InterruptedException {
        if (serve != null) {
            serve.close();
        }
    }

    /** What a command printed and returned. */
    record Result(int code, String out, String err) {
    }

    private static synchronized Result cli(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = SeedlingCli.run(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String served() {
        return serve.baseUrl() + "#tiny";
    }

    private static String example(String path) {
        return EXAMPLES.resolve(path).toString();
    }

    @Test
    void vqaEvalRunsAgainstARealServeProcessAsModelAndJudge() throws IOException {
        Path out = dir.resolve("vqa");
        Result r = cli("vqa-eval", "--data", example("simplevqa/items.jsonl"), "--model", served(), "--judge",
                served(), "--text-only", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("overall", "CN", "EN", "6 of 6 items graded", "report: " + out.resolve("report.md"));
        assertThat(out.resolve("report.md")).exists();
        assertThat(out.resolve("report.json")).exists();
        // every answer and every grade was recorded; the garbage the tiny judge writes is counted, not hidden
        List<String> rows = Files.readAllLines(out.resolve("results.jsonl"));
        assertThat(rows).hasSizeGreaterThanOrEqualTo(12);
        assertThat(Files.readString(out.resolve("run.json"))).contains("tiny@" + serve.baseUrl() + " (text-only)");
        assertThat(serve.alive()).isTrue();
    }

    @Test
    void ieEvalRunsAgainstARealServeProcess() {
        Path out = dir.resolve("ie");
        Result r = cli("ie-eval", "--schema", example("ie/schema.json"), "--data", example("ie/gold.jsonl"),
                "--model", serve.baseUrl(), "--model-name", "tiny", "--task", "ner", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("IE ner: tiny@", "6 sentences", "ner_typed", "gold", "report: ");
        assertThat(out.resolve("report.md")).exists();
        assertThat(out.resolve("predictions.jsonl")).exists();
        assertThat(out.resolve(RunFolder.FILE)).content().contains("\"task\" : \"ner\"");
    }

    @Test
    void tkgqaRunsAgainstARealServeProcess() throws IOException {
        Path out = dir.resolve("tkgqa");
        Result r = cli("tkgqa", "--kg", example("tkgqa/multitq"), "--questions", example("tkgqa/multitq/questions.json"),
                "--model", served(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Prog-TQA: 6 questions", "Hits@1", "before_last", "metrics: ");
        assertThat(Files.readAllLines(out.resolve("results.jsonl"))).hasSize(6);
        assertThat(out.resolve("metrics.json")).exists();
    }

    @Test
    void aModelDirectoryIsServedInProcessAndNamedByItsPath() throws IOException {
        Path out = dir.resolve("cron");
        Result r = cli("tkgqa", "--format", "cron", "--kg", example("tkgqa/cron"), "--questions",
                example("tkgqa/cron/questions.json"), "--model", model.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Prog-TQA: 2 questions", "simple_entity", "simple_time");
        assertThat(Files.readString(out.resolve(RunFolder.FILE)))
                .contains("seedling:" + model.toAbsolutePath().normalize());
        // the same directory on a later run is the same model, so the run resumes (nothing left to ask)
        Result again = cli("tkgqa", "--format", "cron", "--kg", example("tkgqa/cron"), "--questions",
                example("tkgqa/cron/questions.json"), "--model", model.toString(), "--out", out.toString(),
                "--resume");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("answered 0 now, 2 earlier");
    }

    @Test
    void tkgqaSelfImprovesByFineTuningAndLinksWithAModelEmbedderWhenAsked() throws IOException {
        Path out = dir.resolve("improve");
        String questions = example("tkgqa/multitq/questions.json");
        Result r = cli("tkgqa", "--kg", example("tkgqa/multitq"), "--questions", questions, "--model", served(),
                "--out", out.toString(), "--embedder", "model:" + model, "--self-improve", "fine-tune",
                "--train-questions", questions, "--student", model.toString(), "--rounds", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("self-improvement round 1: 6 attempted", "Prog-TQA: 6 questions");
        assertThat(Files.readString(out.resolve(RunFolder.FILE))).contains("fine-tune", "model:" + model);

        Result noTrain = cli("tkgqa", "--kg", example("tkgqa/multitq"), "--questions", questions, "--model",
                served(), "--out", dir.resolve("x").toString(), "--self-improve", "in-context");
        assertThat(noTrain.code()).isEqualTo(1);
        assertThat(noTrain.err()).contains("--self-improve in-context needs --train-questions");
        Result badEmbedder = cli("tkgqa", "--kg", example("tkgqa/multitq"), "--questions", questions, "--model",
                served(), "--out", dir.resolve("y").toString(), "--embedder", "word2vec");
        assertThat(badEmbedder.code()).isEqualTo(1);
        assertThat(badEmbedder.err()).contains("--embedder must be tfidf or model:DIR");
    }

    /** The text between the answer prompt's square brackets: the question. */
    private static String question(String prompt) {
        return prompt.substring(prompt.indexOf('[') + 1, prompt.lastIndexOf(']'));
    }

    private static boolean isJudgePrompt(String text) {
        return text.contains("标准答案") || text.contains("Gold target");
    }

    @Test
    void vqaEvalResumesAfterTheEndpointFailsMidwayWithoutAskingFinishedItemsAgain() throws IOException {
        Function<String, String> replies = t -> isJudgePrompt(t) ? "{\"预测答案0\": \"正确\"}" : "Paris";
        try (ScriptedEndpoint endpoint = new ScriptedEndpoint(replies)) {
            Path out = dir.resolve("vqa-flaky");
            // the key comes from the environment variable named by --api-key-env; PATH stands in for a secret
            String key = System.getenv("PATH");
            String[] args = {"vqa-eval", "--data", example("simplevqa/items.jsonl"), "--model", endpoint.url(),
                    "--judge", endpoint.url(), "--out", out.toString(), "--concurrency", "1", "--max-attempts", "1",
                    "--max-consecutive-failures", "2", "--api-key-env", "PATH"};
            // items 1 and 2 (answer + grade each), then item 3's answer; its grade and item 4's answer fail
            endpoint.failAfter(5);
            Result first = cli(args);
            assertThat(first.code()).as(first.err()).isEqualTo(3);
            assertThat(first.out()).contains("2 of 6 items graded", "4 items unfinished; rerun with --resume",
                    "last model failure: scripted@", "HTTP 500", "scripted outage");
            assertThat(endpoint.failedRequests()).isEqualTo(2);

            endpoint.heal();
            Result second = cli(concat(args, "--resume"));
            assertThat(second.code()).as(second.err()).isZero();
            assertThat(second.out()).contains("6 of 6 items graded (2 from an earlier run)");
            // the resumed run asked item 3's judge once and items 4-6 twice each: nothing finished was asked again
            assertThat(endpoint.answered()).hasSize(5 + 7);
            Map<String, Long> answersPerQuestion = endpoint.answered().stream().filter(t -> !isJudgePrompt(t))
                    .collect(Collectors.groupingBy(EvalCommandsTest::question, Collectors.counting()));
            assertThat(answersPerQuestion).hasSize(6).allSatisfy((q, n) -> assertThat(n).as(q).isEqualTo(1));
            assertThat(second.out()).contains("overall  6  100.0");
            assertThat(endpoint.authorizations()).isNotEmpty().allSatisfy(a -> assertThat(a).isEqualTo("Bearer "
                    + key.strip()));
            for (String printed : new String[] {first.out(), first.err(), second.out(), second.err(),
                    Files.readString(out.resolve("results.jsonl")), Files.readString(out.resolve("run.json"))}) {
                assertThat(printed).doesNotContain(key.strip());
            }
        }
    }

    @Test
    void ieEvalAndTkgqaResumeAfterTheEndpointFailsMidwayAskingOnlyWhatFailed() throws IOException {
        try (ScriptedEndpoint endpoint = new ScriptedEndpoint(t -> t.contains("sentence =")
                ? "results = []" : "Find<i>China\nWhat<d>0")) {
            String[][] commands = {
                    {"ie-eval", "--schema", example("ie/schema.json"), "--data", example("ie/gold.jsonl"),
                            "--task", "ner"},
                    {"tkgqa", "--kg", example("tkgqa/multitq/full.txt"), "--questions",
                            example("tkgqa/multitq/questions.json")}};
            for (String[] command : commands) {
                Path out = dir.resolve(command[0]);
                String[] args = concat(command, "--model", endpoint.url(), "--out", out.toString(), "--concurrency",
                        "1", "--max-attempts", "1");
                endpoint.heal();
                int before = endpoint.answered().size();
                endpoint.failAfter(3);
                Result first = cli(args);
                assertThat(first.code()).as(command[0] + first.err()).isEqualTo(3);
                assertThat(first.out()).contains("--resume");
                assertThat(endpoint.answered()).hasSize(before + 3);

                endpoint.heal();
                Result refused = cli(args);
                assertThat(refused.code()).isEqualTo(1);
                assertThat(refused.err()).contains("holds the results of an earlier run", "pass --resume");

                Result second = cli(concat(args, "--resume"));
                assertThat(second.code()).as(command[0] + second.err()).isZero();
                List<String> asked = endpoint.answered().subList(before, endpoint.answered().size());
                assertThat(asked).as(command[0]).hasSize(6).doesNotHaveDuplicates();
            }
        }
    }

    @Test
    void badArgumentsGiveOneLineErrorsNamingTheProblemAndANonZeroExit() throws IOException {
        String items = example("simplevqa/items.jsonl");
        String out = dir.resolve("o").toString();

        Result missing = cli("vqa-eval", "--data", items, "--model", "/no/such/model", "--judge", "/no/such/model",
                "--out", out);
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("--model /no/such/model: no such file or directory",
                "http://127.0.0.1:8080/v1#MODEL").doesNotContain("\tat ");

        Path half = Files.createDirectories(dir.resolve("half"));
        Files.writeString(half.resolve("config.json"), "{}");
        Result notAModel = cli("tkgqa", "--kg", example("tkgqa/multitq"), "--questions",
                example("tkgqa/multitq/questions.json"), "--model", half.toString(), "--out", out);
        assertThat(notAModel.code()).isEqualTo(1);
        assertThat(notAModel.err()).contains(half + " is not a model directory: it has no model.safetensors,"
                + " tokenizer.json");

        Path runFolder = Files.createDirectories(dir.resolve("run/model"));
        Result runInsteadOfModel = cli("tkgqa", "--kg", example("tkgqa/multitq"), "--questions",
                example("tkgqa/multitq/questions.json"), "--model", runFolder.getParent().toString(), "--out", out);
        assertThat(runInsteadOfModel.err()).contains("did you mean " + runFolder);

        Result noName = cli("ie-eval", "--schema", example("ie/schema.json"), "--data", example("ie/gold.jsonl"),
                "--task", "ner", "--model", "http://127.0.0.1:9/v1", "--out", out);
        assertThat(noName.code()).isEqualTo(1);
        assertThat(noName.err()).contains("names no model", "#NAME", "--model-name");

        Result badTask = cli("ie-eval", "--schema", example("ie/schema.json"), "--data", example("ie/gold.jsonl"),
                "--task", "srl", "--model", served(), "--out", out);
        assertThat(badTask.code()).isEqualTo(1);
        assertThat(badTask.err()).contains("unknown IE task 'srl'");

        Result noOut = cli("tkgqa", "--kg", example("tkgqa/multitq"), "--questions",
                example("tkgqa/multitq/questions.json"), "--model", served());
        assertThat(noOut.code()).isEqualTo(2);
        assertThat(noOut.err()).contains("--out");

        Path badItems = dir.resolve("bad.jsonl");
        Files.writeString(badItems, "{\"data_id\": 9, \"language\": \"EN\", \"question\": \"Who?\","
                + " \"image_path\": \"missing.png\"}\n");
        Result malformed = cli("vqa-eval", "--data", badItems.toString(), "--model", served(), "--judge", served(),
                "--out", out);
        assertThat(malformed.code()).isEqualTo(1);
        assertThat(malformed.err()).contains("bad.jsonl").contains("9");

        Result noKg = cli("tkgqa", "--kg", dir.resolve("nothing.tsv").toString(), "--questions",
                example("tkgqa/multitq/questions.json"), "--model", served(), "--out", out);
        assertThat(noKg.code()).isEqualTo(1);
        assertThat(noKg.err()).contains("nothing.tsv: no such file or folder");
    }

    @Test
    void aResumeWithAnotherModelIsRefused() {
        Path out = dir.resolve("ie-other");
        String[] args = {"ie-eval", "--schema", example("ie/schema.json"), "--data", example("ie/gold.jsonl"),
                "--task", "ner", "--out", out.toString()};
        assertThat(cli(concat(args, "--model", served())).code()).isZero();
        Result other = cli(concat(args, "--model", serve.baseUrl() + "#other", "--resume"));
        assertThat(other.code()).isEqualTo(1);
        assertThat(other.err()).contains("cannot resume", "tiny@", "other@");
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
