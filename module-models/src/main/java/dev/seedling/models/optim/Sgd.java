package dev.seedling.models.optim;

import dev.seedling.autograd.GradMode;
import dev.seedling.models.Parameter;
import dev.seedling.tensor.Tensor;
import dev.seedling.tensor.TensorScope;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SGD with momentum as {@code torch.optim.SGD} (dampening 0, not Nesterov): {@code b ← μ·b + g},
 * {@code p ← p - lr·(b + wd·p)} (coupled L2 decay on decayed parameters).
 */
public final class Sgd implements Optimizer {
    private final Map<String, Parameter> params;
    private final float momentum;
    private final float weightDecay;
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private long steps;

    public Sgd(Map<String, Parameter> params, float momentum, float weightDecay) {
        this.params = new LinkedHashMap<>(params);
        this.momentum = momentum;
        this.weightDecay = weightDecay;
    }

    @Override
    public void step(LearningRates rates) {
        steps++;
        try (var ng = GradMode.noGrad()) {
            for (var e : params.entrySet()) {
                Parameter p = e.getValue();
                Tensor g = p.value().grad();
                if (g == null) {
                    continue;
                }
                if (p.weightDecay() && weightDecay != 0) {
                    g = g.add(p.value().mul(weightDecay));
                }
                if (momentum != 0) {
                    Tensor b = buffers.get(e.getKey());
                    // the first buffer is a copy of the gradient, as in torch.optim.SGD: gradients may be released
                    b = b == null ? g.clone() : b.mul(momentum).add(g);
                    buffers.put(e.getKey(), TensorScope.escape(b));   // state outlives any scope of the step
                    g = b;
                }
                p.value().addInPlace(g, (float) -(rates.of(e.getKey(), p) * p.lrSchedule().applyAsDouble(steps - 1)));
            }
        }
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public Map<String, Tensor> state() {
        Map<String, Tensor> s = new LinkedHashMap<>();
        buffers.forEach((k, t) -> s.put(k + ".momentum_buffer", t));
        return s;
    }

    @Override
    public void loadState(Map<String, Tensor> state, long steps) {
        buffers.clear();
        state.forEach((k, t) -> {
            if (!k.endsWith(".momentum_buffer")) {
                throw new IllegalArgumentException("Sgd: unexpected optimiser state entry '" + k + "'");
            }
            buffers.put(k.substring(0, k.length() - ".momentum_buffer".length()), TensorScope.escape(t));
        });
        this.steps = steps;
    }

    @Override
    public Map<String, Parameter> parameters() {
        return params;
    }
}
