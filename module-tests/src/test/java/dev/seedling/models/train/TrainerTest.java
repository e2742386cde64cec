package dev.seedling.models.train;

import dev.seedling.autograd.GradMode;
import dev.seedling.models.TinyModels;
import dev.seedling.models.optim.AdamW;
import dev.seedling.models.transformer.TransformerLM;
import dev.seedling.tensor.Tensor;
import dev.seedling.tensor.TensorScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainerTest {
    @TempDir
    Path dir;

    private static TrainingConfig config(long steps) {
        return new TrainingConfig(steps, 1e-2, 2, 0.1, 0.0f, 1.0, 1, 5, 10, 0, 2);
    }

    @Test
    void trainsToALowValidationLossAndWritesTheLossCurve() throws Exception {
        TransformerLM model = new TransformerLM(TinyModels.tiny("pre", "swiglu"));
        var result = new Trainer(model, AdamW.of(model.namedParameters(), 0f), new CyclicData(), config(30), null,
                dir).run(false);
        assertThat(result.steps()).isEqualTo(30);
        assertThat(result.validationLoss()).isLessThan(0.3);
        assertThat(Files.readAllLines(dir.resolve("loss.csv"))).first().isEqualTo("step,lr,train_loss,val_loss,tokens_per_s");
        assertThat(Files.readString(dir.resolve("loss.svg"))).startsWith("<svg").contains("polyline");
    }

    @Test
    void gradientAccumulationOfTwoHalvesMatchesTheMeanGradient() {
        TransformerLM a = new TransformerLM(TinyModels.tiny("pre", "swiglu"));
        TransformerLM b = new TransformerLM(TinyModels.tiny("pre", "swiglu"));
        var accumulated = new TrainingConfig(1, 1e-2, 1, 1, 0f, 0, 2, 1, 0, 0, 1);
        new Trainer(a, AdamW.of(a.namedParameters(), 0f), new CyclicData(), accumulated, null, dir).run(false);
        // the same two batches by hand: mean loss, one step
        CyclicData data = new CyclicData();
        Batch b0 = data.next();
        Batch b1 = data.next();
        var opt = AdamW.of(b.namedParameters(), 0f);
        b.loss(b0.inputs(), b0.targets()).add(b.loss(b1.inputs(), b1.targets())).div(2f).backward();
        opt.step(1e-2);
        float[] wa = a.namedParameters().get("blocks.0.attn.q_proj.weight").value().toFloatArray();
        float[] wb = b.namedParameters().get("blocks.0.attn.q_proj.weight").value().toFloatArray();
        for (int i = 0; i < wa.length; i++) {
            assertThat(wa[i]).isCloseTo(wb[i], org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void eachMicroBatchsActivationsAreReleasedOnceItsBackwardIsDone() {
        TransformerLM model = new TransformerLM(TinyModels.tiny("pre", "swiglu"));
        Batch batch = new CyclicData().next();
        int oneStep;
        try (var probe = TensorScope.open()) {
            model.loss(batch.inputs(), batch.targets()).backward();
            oneStep = probe.size();
        }
        model.namedParameters().values().forEach(p -> p.value().zeroGrad());
        var accumulated = new TrainingConfig(3, 1e-2, 1, 1, 0f, 0, 2, 1, 0, 0, 1);
        try (var outer = TensorScope.open()) {
            new Trainer(model, AdamW.of(model.namedParameters(), 0f), new CyclicData(), accumulated, null, dir)
                    .run(false);
            // six micro-batches ran; what reached this scope is gradients (kept per micro-batch, clipped per step),
            // AdamW's moments and the batches, not activations: one micro-batch's forward and backward alone make
            // oneStep storages, so without the trainer's scope this is over 6·oneStep (941 against 227 when written)
            assertThat(outer.size()).isLessThan(3 * oneStep);
        }
    }

    @Test
    void validationReleasesEachBatchsActivations() {
        TransformerLM model = new TransformerLM(TinyModels.tiny("pre", "swiglu"));
        CyclicData data = new CyclicData();
        Trainer trainer = new Trainer(model, AdamW.of(model.namedParameters(), 0f), data, config(1), null, dir);
        int batches = data.validation().size();
        try (var outer = TensorScope.open()) {
            assertThat(trainer.validate()).isFinite();
            // only the batches themselves (inputs and targets, which this data makes on each call) reach the caller's
            // scope, nothing of the forward passes (without the inner scopes: 53 here when written)
            assertThat(outer.size()).isLessThanOrEqualTo(2 * batches);
        }
    }

    @Test
    void nanLossStopsNamingTheStepWithoutApplyingTheUpdate() {
        TransformerLM model = new TransformerLM(TinyModels.tiny("pre", "swiglu"));
        Tensor embed = model.namedParameters().get("embed.weight").value();
        try (var ng = GradMode.noGrad()) {
            embed.copyFrom(embed.mul(Float.NaN));
        }
        Tensor q = model.namedParameters().get("blocks.0.attn.q_proj.weight").value();
        float[] before = q.toFloatArray();
        assertThatThrownBy(() -> new Trainer(model, AdamW.of(model.namedParameters(), 0f), new CyclicData(),
                config(5), null, dir).run(false))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("step 1").hasMessageContaining("NaN");
        assertThat(q.toFloatArray()).containsExactly(before);
    }
}
