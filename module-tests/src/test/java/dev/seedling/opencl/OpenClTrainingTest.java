package dev.seedling.opencl;

import dev.seedling.Seedling;
import dev.seedling.backend.Backend;
import dev.seedling.backend.Backends;
import dev.seedling.models.TinyModels;
import dev.seedling.models.optim.AdamW;
import dev.seedling.models.transformer.TransformerLM;
import dev.seedling.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Training end to end on OpenCL: the tiny transformer LM (2 layers, d 32) trained with AdamW on cyclic batches gives,
 * step by step, the loss curve the cpu backend gives, and the OpenCL run goes through the fused kernels (cross-entropy,
 * RMSNorm, RoPE, causal attention, SwiGLU, AdamW; checked by their launch counts), as the CPU run goes through its
 * own. Tolerance: |Δloss| ≤ 1e-4 + 1e-4·|loss| at every step — the two backends sum in different orders (work-group
 * trees against vector lanes), and AdamW carries those float32 roundings forward, so the curves stayed within 3e-7 of
 * each other when measured (PoCL; 1.2e-7 with the fused kernels), and a wrong kernel moves them by 1e-2 or more.
 */
class OpenClTrainingTest {
    private static final int STEPS = 25;
    /** The fused kernels the tiny LM's step runs (cross-entropy on I64 targets, RMSNorm, RoPE, attention, SwiGLU). */
    private static final List<String> FUSED_KERNELS = List.of("cross_entropy_rows_i64", "cross_entropy_backward_i64",
            "norm_rows", "norm_backward_rows", "norm_backward_params", "rope", "attention_forward",
            "attention_backward_dq", "attention_backward_dkv", "swiglu", "swiglu_backward", "adamw");

    private static float[] lossCurve(Backend backend) {
        try (var s = Seedling.use(backend)) {
            TransformerLM model = new TransformerLM(TinyModels.tiny("pre", "swiglu"));
            AdamW opt = AdamW.of(model.namedParameters(), 0f);
            float[] losses = new float[STEPS];
            for (int step = 0; step < STEPS; step++) {
                long[][] b = TinyModels.cyclicBatch(8, 16, step);
                Tensor loss = model.loss(Tensor.ofLongs(b[0], 8, 16), Tensor.ofLongs(b[1], 8, 16));
                opt.zeroGrad();
                loss.backward();
                opt.step(1e-2);
                losses[step] = loss.item();
            }
            return losses;
        }
    }

    @Test
    void aSmallModelsLossCurveOnOpenClMatchesTheCpuCurve() {
        assumeTrue(Backends.discover().stream().anyMatch(f -> f.name().equals("opencl")
                && f.availability().available()), "no OpenCL device here");
        float[] cpu = lossCurve(Backends.open("cpu"));
        OpenClBackend opencl = (OpenClBackend) Backends.open("opencl");
        Map<String, Long> before = opencl.launchCounts();
        float[] cl = lossCurve(opencl);
        Map<String, Long> after = opencl.launchCounts();
        for (String kernel : FUSED_KERNELS) {
            assertThat(after.getOrDefault(kernel, 0L) - before.getOrDefault(kernel, 0L))
                    .as("training on OpenCL ran the fused kernel %s", kernel).isGreaterThan(0L);
        }
        double worst = 0;
        for (int i = 0; i < STEPS; i++) {
            double tol = 1e-4 + 1e-4 * Math.abs(cpu[i]);
            assertThat((double) Math.abs(cl[i] - cpu[i])).as("step %d: opencl %s vs cpu %s", i, cl[i], cpu[i])
                    .isLessThanOrEqualTo(tol);
            worst = Math.max(worst, Math.abs(cl[i] - cpu[i]));
        }
        assertThat(cpu[STEPS - 1]).as("the model learns").isLessThan(cpu[0] * 0.5f);
        System.out.printf("opencl vs cpu loss curves over %d steps: first %.5f / %.5f, last %.5f / %.5f, "
                + "largest |Δ| %.2e%n", STEPS, cl[0], cpu[0], cl[STEPS - 1], cpu[STEPS - 1], worst);
    }
}
