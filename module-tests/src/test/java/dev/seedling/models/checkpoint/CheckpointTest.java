package dev.seedling.models.checkpoint;

import dev.seedling.io.SafeTensors;
import dev.seedling.models.TinyModels;
import dev.seedling.models.optim.AdamW;
import dev.seedling.models.train.Trainer;
import dev.seedling.models.train.TrainingConfig;
import dev.seedling.models.train.TrainingData;
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
