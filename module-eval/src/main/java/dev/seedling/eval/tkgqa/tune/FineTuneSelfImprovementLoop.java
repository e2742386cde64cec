package dev.seedling.eval.tkgqa.tune;

import dev.seedling.data.tkg.TkgQuestion;
import dev.seedling.eval.chat.ChatModel;
import dev.seedling.eval.local.LocalChatModel;
import dev.seedling.eval.local.LocalModel;
import dev.seedling.eval.tkgqa.DraftRound;
import dev.seedling.eval.tkgqa.ProgTqaAnswerer;
import dev.seedling.eval.tkgqa.RoundStatistics;
import dev.seedling.eval.tkgqa.metric.HitsAtK;
import dev.seedling.models.checkpoint.DirectoryCheckpointStore;
import dev.seedling.models.optim.AdamW;
import dev.seedling.models.train.Trainer;
import dev.seedling.models.train.TrainingConfig;
import dev.seedling.models.train.TrainingResult;
import dev.seedling.models.transformer.TransformerLM;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Self-improvement, fine-tuning variant (Algorithm 1 of the paper): each round drafts a program for every question
 * left, keeps those whose executed answers intersect the gold (Ft) and carries the rest (Ff) to the next round, as
 * {@link dev.seedling.eval.tkgqa.SelfImprovementLoop} does; then, when the round kept new programs, the Seedling model
 * is fine-tuned on all (draft prompt, linked program) pairs kept so far ({@link ProgramExamples}: loss on the program
 * tokens only) with the {@link Trainer}, the round's model is saved as a checkpoint, and the fine-tuned model drafts
 * the next round through a {@link LocalChatModel}. The first round drafts with the model given to {@link #run} (an
 * external LLM, a scripted model in tests, or the Seedling model itself).
 *
 * <p>Policies the paper leaves open: each round continues training the current weights (not the base model) on the
 * cumulative Ft, with a fresh AdamW; a round that keeps nothing new trains nothing; the prompt is the same draft
 * prompt the answerer sends (instructions and demos of the fixed pool), cut to the model's context by
 * {@link LocalChatModel#promptIds}. Stops after {@code maxRounds}, when a round verifies fewer than
 * {@code minVerified}, or when no questions are left.
 *
 * <p>Files: {@code WORK/tokenizer.json}; per round {@code WORK/round-NN/} with the loss curve ({@code loss.csv},
 * {@code loss.svg}) and {@code checkpoints/step-XXXXXXXX/} (a model directory with the tokenizer, written
 * atomically). A work directory holds one run: a round whose directory exists is refused. Not thread-safe.
 */
public final class FineTuneSelfImprovementLoop {
    private final Function<ChatModel, ProgTqaAnswerer> answerers;
    private final LocalModel local;
    private final LocalChatModel tuned;
    private final HitsAtK hits;
    private final FineTuneSettings settings;
    private final Path workDir;

    /**
     * @param answerers builds the answerer that drafts with a given chat model (e.g.
     *                  {@code m -> pipeline.answerer(kg, m)}); its draft requests become the training prompts
     * @param local     the model to fine-tune and its tokenizer (BPE, so checkpoints can hold it); trained in place
     * @param hits      decides whether an answer set hits the gold (its matching)
     * @param workDir   where the loss curves and checkpoints go
     */
    public FineTuneSelfImprovementLoop(Function<ChatModel, ProgTqaAnswerer> answerers, LocalModel local, HitsAtK hits,
                                       FineTuneSettings settings, Path workDir) {
        this.answerers = Objects.requireNonNull(answerers, "answerers");
        this.local = Objects.requireNonNull(local, "local");
        this.hits = Objects.requireNonNull(hits, "hits");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.workDir = Objects.requireNonNull(workDir, "workDir");
        this.tuned = new LocalChatModel(local, "seedling:fine-tuned");
    }

    /** The chat model over the model being fine-tuned: after {@link #run}, it drafts with the final weights. */
    public LocalChatModel tunedModel() {
        return tuned;
    }

    /**
     * Runs the rounds over {@code trainQuestions}, drafting the first with {@code firstDrafter}, and returns one record
     * per round.
     *
     * @throws IllegalArgumentException when the tokenizer is not BPE
     * @throws IllegalStateException    when the work directory already holds a round
     * @throws dev.seedling.models.train.TrainingDivergedException when the loss becomes NaN or infinite
     */
    public List<FineTuneRound> run(List<TkgQuestion> trainQuestions, ChatModel firstDrafter) {
        Path tokenizerFile = workDir.resolve("tokenizer.json");
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the work directory " + workDir + ": " + e.getMessage(), e);
        }
        local.saveTokenizer(tokenizerFile);
        List<FineTuneRound> rounds = new ArrayList<>();
        List<ProgramExamples.Example> kept = new ArrayList<>();
        List<TkgQuestion> remaining = List.copyOf(trainQuestions);
        ChatModel drafter = Objects.requireNonNull(firstDrafter, "firstDrafter");
        for (int round = 1; round <= settings.maxRounds() && !remaining.isEmpty(); round++) {
            ProgTqaAnswerer answerer = answerers.apply(drafter);
            DraftRound drafted = DraftRound.run(answerer, remaining, hits);
            int tooLong = 0;
            int before = kept.size();
            for (DraftRound.Verified v : drafted.verified()) {
                Optional<ProgramExamples.Example> e = ProgramExamples.example(tuned, local.tokenizer(),
                        answerer.draftRequest(v.question(), v.attempt().category()),
                        v.attempt().program().toLinear().strip());
                e.ifPresent(kept::add);
                tooLong += e.isPresent() ? 0 : 1;
            }
            var stats = drafted.statistics(round, kept.size());
            rounds.add(kept.size() > before ? train(round, stats, kept, tooLong, tokenizerFile)
                    : new FineTuneRound(stats, 0, tooLong, 0, Double.NaN, Double.NaN, null, 0));
            remaining = drafted.failed();
            drafter = tuned;
            if (drafted.verified().size() < settings.minVerified()) {
                break;
            }
        }
        return rounds;
    }

    private FineTuneRound train(int round, RoundStatistics stats,
                                List<ProgramExamples.Example> examples, int tooLong, Path tokenizerFile) {
        long t0 = System.nanoTime();
        Path runDir = workDir.resolve(String.format(Locale.ROOT, "round-%02d", round));
        if (Files.exists(runDir)) {
            throw new IllegalStateException(runDir + " already exists: the work directory holds an earlier run; "
                    + "use a fresh one");
        }
        TransformerLM model = local.model();
        ProgramExamples data = new ProgramExamples(examples, settings.batchSize());
        long steps = settings.steps(examples.size());
        TrainingConfig config = new TrainingConfig(steps, settings.peakLr(), Math.max(1, steps / 10), 0.1,
                settings.weightDecay(), 1.0, 1, (int) Math.max(1, steps / 10), 0, 0, 1);
        AdamW optimizer = AdamW.of(model.namedParameters(), settings.weightDecay());
        var store = new DirectoryCheckpointStore(runDir.resolve("checkpoints"), model, optimizer, 1,
                List.of(tokenizerFile));
        Trainer trainer = new Trainer(model, optimizer, data, config, store, runDir);
        double lossBefore = trainer.validate();
        TrainingResult result;
        synchronized (model) {   // the chat model and embedders serialise on the model too
            try {
                result = trainer.run(false);
            } finally {
                model.train(false);
            }
        }
        Path checkpoint = store.latest().orElseThrow(() -> new IllegalStateException("the trainer saved no "
                + "checkpoint under " + runDir));
        return new FineTuneRound(stats, examples.size(), tooLong, result.steps(), lossBefore,
                result.validationLoss(), checkpoint, (System.nanoTime() - t0) / 1_000_000);
    }
}
