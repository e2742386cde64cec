import dev.seedling.models.Parameter;
import dev.seedling.models.optim.AdamW;
import dev.seedling.models.transformer.TransformerConfig;
import dev.seedling.models.transformer.TransformerLM;
import dev.seedling.tensor.Generator;
import dev.seedling.tensor.Tensor;
import dev.seedling.tensor.TensorScope;

import java.util.List;

/**
 * One build's side of {@link LmStepAB}: the training step of {@code seedling bench lm-step} (the preset of
 * torch_lm_step.py, as Trainer runs a step), loaded once into each build's class loader, so each copy links against
 * its own build. Compiled against the newer build; the older must have the same API (TensorScope.keepGradients,
 * Optimizer.releaseGradients: builds from 9db05c0 on).
 */
public final class StepDriver {
    private static TransformerLM model;
    private static AdamW optimizer;
    private static List<Tensor> parameters;
    private static Tensor input;
    private static Tensor target;

    private StepDriver() {
    }

    /** Builds the model, its optimizer and one fixed batch of {@code batch} random sequences. */
    public static void init(int batch) {
        TransformerConfig c = TransformerConfig.small();
        int t = c.maxSeqLen();
        model = new TransformerLM(c);
        optimizer = AdamW.of(model.namedParameters(), 0.1f);
        parameters = model.namedParameters().values().stream().map(Parameter::value).toList();
        Generator g = new Generator(1);
        long[] ids = new long[batch * (t + 1)];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = g.nextInt(c.vocabSize());
        }
        Tensor all = Tensor.ofLongs(ids, batch, t + 1);
        input = all.narrow(1, 0, t).contiguous();
        target = all.narrow(1, 1, t).contiguous();
    }

    /** One forward, backward and AdamW update; returns its milliseconds. */
    public static double step() {
        long t0 = System.nanoTime();
        try (var scope = TensorScope.open()) {
            Tensor loss = model.loss(input, target);
            loss.backward();
            scope.keepGradients(parameters);
            loss.item();
        }
        optimizer.step(1e-3);
        optimizer.releaseGradients();
        return (System.nanoTime() - t0) / 1e6;
    }
}
