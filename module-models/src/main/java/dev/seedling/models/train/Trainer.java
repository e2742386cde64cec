package dev.seedling.models.train;

import dev.seedling.autograd.GradMode;
import dev.seedling.models.Parameter;
import dev.seedling.models.optim.GradientClipping;
import dev.seedling.models.optim.GroupSchedules;
import dev.seedling.models.optim.LearningRateSchedule;
import dev.seedling.models.optim.Optimizer;
import dev.seedling.models.transformer.TransformerLM;
import dev.seedling.tensor.Tensor;
import dev.seedling.tensor.TensorScope;
import lombok.extern.slf4j.Slf4j;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Trains a {@link TransformerLM}: warm-up + cosine learning rate, gradient accumulation and global-norm clipping,
 * progress on the terminal or in the log, periodic validation, a loss curve ({@code loss.csv}, {@code loss.svg}) in
 * the run directory, and checkpoints through a {@link CheckpointStore}. With {@code resume}, it continues from the
 * newest checkpoint exactly as an uninterrupted run would (parameters, optimiser state, data position, RNG).
 * A NaN or infinite loss stops the run with {@link TrainingDivergedException} before the bad update is applied.
 *
 * <p>Each micro-batch's forward and backward run inside a {@link TensorScope} that keeps only the parameters'
 * gradients: the activations are released to the backend as soon as the backward is done (on the CPU, that reuse
 * made the LM step about a quarter faster than leaving them to the collector), and the gradients are released once the
 * update has used them ({@link Optimizer#releaseGradients}). So a tensor a module makes during a training forward is
 * released at the end of that micro-batch; a module that must keep one longer (a cache) makes it outside training
 * mode or takes it out of the scope with {@link TensorScope#escape}.
 */
@Slf4j
public final class Trainer {
    private final TransformerLM model;
    private final Optimizer optimizer;
    private final TrainingData data;
    private final TrainingConfig config;
    private final CheckpointStore checkpoints;
    private final LossCurve curve;
    private GroupSchedules groupSchedules = GroupSchedules.none();

    /** {@code checkpoints} may be null (no checkpoints); {@code runDir} receives the loss curve. */
    public Trainer(TransformerLM model, Optimizer optimizer, TrainingData data, TrainingConfig config,
                   CheckpointStore checkpoints, Path runDir) {
        this.model = model;
        this.optimizer = optimizer;
        this.data = data;
        this.config = config;
        this.checkpoints = checkpoints;
        this.curve = new LossCurve(runDir);
    }

    /**
     * Per-group learning-rate schedules on top of the warm-up + cosine base schedule (see {@link GroupSchedules}).
     *
     * @throws IllegalArgumentException if a group's pattern matches none of the optimiser's parameters
     * @return this trainer
     */
    public Trainer groupSchedules(GroupSchedules schedules) {
        schedules.requireAllMatch(optimizer.parameters().keySet());
        this.groupSchedules = schedules;
        return this;
    }

    /**
     * Runs to {@code config.steps()}; with {@code resume}, first restores the newest checkpoint if there is one;
     * without, first removes the checkpoints an earlier run left in the store (logged as a warning), so that a later
     * resume continues this run and not that one.
     */
    public TrainingResult run(boolean resume) {
        long start = 0;
        if (!resume && checkpoints != null) {
            int removed = checkpoints.clear();
            if (removed > 0) {
                log.warn("a fresh run: removed {} checkpoint(s) of an earlier run (resume to continue that run)",
                        removed);
            }
        }
        if (resume && checkpoints != null) {
            var restored = checkpoints.restoreLatest();
            if (restored.isPresent()) {
                TrainingProgress p = restored.get();
                start = p.step();
                data.seek(p.dataPosition());
                model.dropoutGenerator().setState(p.rngState());
                curve.truncateAfter(start);
                log.info("resumed from {} at step {}", checkpoints.latestDescription(), start);
            }
        }
        LearningRateSchedule schedule = LearningRateSchedule.warmupCosine(config.peakLr(), config.warmupSteps(),
                config.steps(), config.minLrRatio());
        ProgressReporter progress = new ProgressReporter(start, config.steps(), config.logEvery());
        model.train(true);
        long windowStart = System.nanoTime();
        long windowTokens = 0;
        double windowLoss = 0;
        int windowSteps = 0;
        double lastTrain = Double.NaN;
        double lastVal = Double.NaN;
        double tokensPerSecond = 0;
        List<Tensor> leaves = model.namedParameters().values().stream().map(Parameter::value).toList();
        for (long step = start; step < config.steps(); step++) {
            double lr = schedule.at(step);
            double loss = 0;
            model.beforeTrainingStep();
            for (int micro = 0; micro < config.gradAccum(); micro++) {
                Batch batch = data.next();
                // the micro-batch's activations and the engine's intermediates go back to the backend (CPU: its array
                // pool; OpenCL: its buffer pool) when the scope closes, instead of waiting for the collector
                try (var scope = TensorScope.open()) {
                    Tensor l = model.loss(batch.inputs(), batch.targets());
                    if (config.gradAccum() > 1) {
                        l = l.div((float) config.gradAccum());
                    }
                    l.backward();
                    scope.keepGradients(leaves);
                    loss += l.item();
                }
                windowTokens += batch.tokens();
            }
            if (!Double.isFinite(loss)) {
                throw diverged(step + 1, "loss is " + loss);
            }
            if (config.clipNorm() > 0) {
                double norm = GradientClipping.clipGlobalNorm(model.namedParameters().values(), config.clipNorm());
                if (!Double.isFinite(norm)) {
                    throw diverged(step + 1, "gradient norm is " + norm);
                }
            }
            optimizer.step(groupSchedules.at(step, lr));
            optimizer.releaseGradients();
            long done = step + 1;
            windowLoss += loss;
            windowSteps++;
            double seconds = (System.nanoTime() - windowStart) / 1e9;
            tokensPerSecond = windowTokens / Math.max(seconds, 1e-9);
            progress.update(done, loss, tokensPerSecond, lr);
            boolean last = done == config.steps();
            boolean evalNow = last || (config.evalEvery() > 0 && done % config.evalEvery() == 0);
            double val = Double.NaN;
            if (evalNow && !data.validation().isEmpty()) {
                val = validate();
                lastVal = val;
                progress.message(String.format(Locale.ROOT, "step %d: validation loss %.4f", done, val));
            }
            if (done % config.logEvery() == 0 || last || evalNow) {
                lastTrain = windowLoss / windowSteps;
                curve.add(new LossCurve.Row(done, lr, lastTrain, val, tokensPerSecond));
                windowLoss = 0;
                windowSteps = 0;
            }
            if (checkpoints != null && (last || (config.checkpointEvery() > 0 && done % config.checkpointEvery() == 0))) {
                checkpoints.save(new TrainingProgress(done, data.position(), model.dropoutGenerator().state(),
                        optimizer.steps()));
            }
        }
        return new TrainingResult(config.steps(), lastTrain, lastVal, tokensPerSecond);
    }

    /** Mean loss over the validation batches, in evaluation mode and without recording gradients. */
    public double validate() {
        List<Batch> batches = data.validation();
        boolean wasTraining = model.isTraining();
        model.train(false);
        double sum = 0;
        try (var ng = GradMode.noGrad()) {
            for (Batch b : batches) {
                try (var scope = TensorScope.open()) {   // each batch's activations go back to the backend
                    sum += model.loss(b.inputs(), b.targets()).item();
                }
            }
        } finally {
            model.train(wasTraining);
        }
        return sum / batches.size();
    }

    private TrainingDivergedException diverged(long step, String what) {
        optimizer.zeroGrad();
        return new TrainingDivergedException("training diverged at step " + step + ": " + what
                + "; the update was not applied; last good checkpoint: "
                + (checkpoints == null ? "none (checkpoints off)" : checkpoints.latestDescription()));
    }
}
