package dev.seedling.models.checkpoint;

import dev.seedling.io.SafeTensors;
import dev.seedling.models.TinyModels;
import dev.seedling.models.optim.AdamW;
import dev.seedling.models.train.Trainer;
import dev.seedling.models.train.TrainingConfig;
import dev.seedling.models.train.TrainingData;
import dev.seedling.models.train.TrainingProgress;
import dev.seedling.models.transformer.TransformerConfig;
import dev.seedling.models.transformer.TransformerLM;
import dev.seedling.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointTest {
    @TempDir
    Path dir;

    private static TransformerConfig withDropout() {
        return TinyModels.tiny("pre", "swiglu").toBuilder().dropout(0.1f).build();
    }

    private static TrainingConfig run(long steps) {
        return new TrainingConfig(steps, 1e-2, 2, 0.1, 0.01f, 1.0, 1, 2, 0, 3, 2);
    }

    @Test
    void modelDirectoryRoundTripIsBitExact() {
        TransformerLM a = new TransformerLM(withDropout());
        ModelDirectory.save(a, dir);
        TransformerLM b = ModelDirectory.load(dir);
        assertThat(b.config()).isEqualTo(a.config());
        a.namedParameters().forEach((name, p) ->
                assertThat(b.namedParameters().get(name).value().toFloatArray()).as(name)
                        .containsExactly(p.value().toFloatArray()));
    }

    @Test
    void resumedRunEqualsTheUninterruptedRunBitForBit() {
        TransformerLM straight = new TransformerLM(withDropout());
        new Trainer(straight, AdamW.of(straight.namedParameters(), 0.01f), new SeekableCyclicData(), run(8), null,
                dir.resolve("a")).run(false);

        // the same run crashes while fetching the batch of step 7 (checkpoints at 3 and 6); resume in a fresh model
        TransformerLM first = new TransformerLM(withDropout());
        var firstOpt = AdamW.of(first.namedParameters(), 0.01f);
        var crashing = new SeekableCyclicData();
        crashing.crashAt = 6;
        assertThatThrownBy(() -> new Trainer(first, firstOpt, crashing, run(8), new DirectoryCheckpointStore(
                dir.resolve("b/checkpoints"), first, firstOpt, 2, List.of()), dir.resolve("b")).run(false))
                .hasMessageContaining("simulated crash");
        TransformerLM resumed = new TransformerLM(withDropout().toBuilder().seed(99).build());   // another init: all state must come from the checkpoint
        var resumedOpt = AdamW.of(resumed.namedParameters(), 0.01f);
        var store = new DirectoryCheckpointStore(dir.resolve("b/checkpoints"), resumed, resumedOpt, 2, List.of());
        new Trainer(resumed, resumedOpt, new SeekableCyclicData(), run(8), store, dir.resolve("b")).run(true);

        straight.namedParameters().forEach((name, p) ->
                assertThat(resumed.namedParameters().get(name).value().toFloatArray()).as(name)
                        .containsExactly(p.value().toFloatArray()));
        assertThat(store.latest()).get().asString().endsWith("step-00000008");
        assertThat(dir.resolve("b/checkpoints/step-00000003")).doesNotExist();   // keep = 2
        assertThat(dir.resolve("b/checkpoints/step-00000006")).exists();
    }

    @Test
    void weightsThatDoNotMatchTheConfigAreRejectedNamingTheTensor() {
        TransformerLM a = new TransformerLM(withDropout());
        ModelDirectory.save(a, dir);
        Map<String, Tensor> w = new java.util.LinkedHashMap<>(ModelDirectory.weights(a));
        w.put("embed.weight", Tensor.zeros(3, 3));
        SafeTensors.write(dir.resolve(ModelDirectory.WEIGHTS), w);
        assertThatThrownBy(() -> ModelDirectory.load(dir)).hasMessageContaining("embed.weight")
                .hasMessageContaining("[3, 3]");
        w.remove("embed.weight");
        SafeTensors.write(dir.resolve(ModelDirectory.WEIGHTS), w);
        assertThatThrownBy(() -> ModelDirectory.load(dir)).hasMessageContaining("missing [embed.weight]");
    }

    @Test
    void aHalfWrittenCheckpointIsIgnored() throws Exception {
        TransformerLM m = new TransformerLM(withDropout());
        var opt = AdamW.of(m.namedParameters(), 0f);
        var store = new DirectoryCheckpointStore(dir, m, opt, 2, List.of());
        Files.createDirectories(dir.resolve(".step-00000009.tmp"));
        Files.createDirectories(dir.resolve("step-00000010"));   // no trainer_state.json: incomplete
        assertThat(store.latest()).isEmpty();
        assertThat(store.restoreLatest()).isEmpty();
    }

    /**
     * A fresh run in a folder that holds an earlier run's checkpoints starts a new history: before, pruning sorted by
     * step and deleted the new run's own checkpoint (the old run's step 10 looked newer), and a later resume restored
     * the other run.
     */
    @Test
    void aFreshRunReplacesTheCheckpointsOfAnEarlierRun() {
        TransformerLM m = new TransformerLM(withDropout());
        var opt = AdamW.of(m.namedParameters(), 0.01f);
        var store = new DirectoryCheckpointStore(dir.resolve("checkpoints"), m, opt, 1, List.of());
        store.save(new TrainingProgress(10, 10, 0, 10));    // an earlier, longer run
        new Trainer(m, opt, new SeekableCyclicData(), run(4), store, dir).run(false);
        assertThat(store.latest()).get().asString().endsWith("step-00000004");
        assertThat(dir.resolve("checkpoints/step-00000010")).doesNotExist();
    }

    /** Pruning never counts out the checkpoint just written, whatever the steps of the others. */
    @Test
    void pruningKeepsTheCheckpointJustWritten() {
        TransformerLM m = new TransformerLM(withDropout());
        var store = new DirectoryCheckpointStore(dir, m, AdamW.of(m.namedParameters(), 0f), 1, List.of());
        store.save(new TrainingProgress(10, 0, 0, 0));
        store.save(new TrainingProgress(3, 0, 0, 0));
        assertThat(store.latest()).get().asString().endsWith("step-00000003");
        assertThat(dir.resolve("step-00000010")).doesNotExist();
    }

    /**
     * Saving a step that already has a checkpoint replaces it through a rename aside, and a save interrupted between
     * the two renames leaves the old copy in use (and put back by the next save) — never a moment with neither.
     */
    @Test
    void aCheckpointOfTheSameStepIsReplacedWithoutLosingTheOld() throws Exception {
        TransformerLM m = new TransformerLM(withDropout());
        var store = new DirectoryCheckpointStore(dir, m, AdamW.of(m.namedParameters(), 0f), 2, List.of());
        store.save(new TrainingProgress(5, 111, 0, 0));
        store.save(new TrainingProgress(5, 222, 0, 0));
        assertThat(store.restoreLatest()).get().extracting(TrainingProgress::dataPosition).isEqualTo(222L);
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("step-00000005");
        }
        // a crash after the old copy was moved aside and before the new one was moved in
        Files.move(dir.resolve("step-00000005"), dir.resolve(".step-00000005.old"));
        Files.createDirectories(dir.resolve(".step-00000005.tmp"));
        assertThat(store.latest()).get().asString().endsWith(".step-00000005.old");
        assertThat(store.restoreLatest()).get().extracting(TrainingProgress::dataPosition).isEqualTo(222L);
        store.save(new TrainingProgress(6, 333, 0, 0));
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("step-00000005",
                    "step-00000006");
        }
    }

    /** Position-addressed cyclic batches (exact seek). */
    static final class SeekableCyclicData implements TrainingData {
        private long position;
        long crashAt = -1;

        @Override
        public dev.seedling.models.train.Batch next() {
            if (position == crashAt) {
                throw new IllegalStateException("simulated crash");
            }
            long[][] b = TinyModels.cyclicBatch(4, 12, (int) position++);
            return new dev.seedling.models.train.Batch(Tensor.ofLongs(b[0], 4, 12), Tensor.ofLongs(b[1], 4, 12));
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public void seek(long p) {
            position = p;
        }

        @Override
        public List<dev.seedling.models.train.Batch> validation() {
            return List.of();
        }
    }
}
