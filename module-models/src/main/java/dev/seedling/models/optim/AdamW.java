package dev.seedling.models.optim;

import dev.seedling.autograd.GradMode;
import dev.seedling.models.Parameter;
import dev.seedling.tensor.FusedUpdates;
import dev.seedling.tensor.RowSparseGrad;
import dev.seedling.tensor.Tensor;
import dev.seedling.tensor.TensorScope;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter), as {@code torch.optim.AdamW}:
 * {@code p ← p·(1 - lr·wd)} for decayed parameters, then {@code m ← β1·m + (1-β1)·g},
 * {@code v ← β2·v + (1-β2)·g²}, {@code p ← p - lr·m̂ / (√v̂ + ε)} with bias-corrected {@code m̂, v̂}.
 * Parameters without a gradient this step are skipped. A parameter's learning rate is its
 * rate from the {@link LearningRates} times its {@link Parameter#lrSchedule()} at this step.
 *
 * <p>Tables marked {@link Tensor#requiresSparseGrad} are updated lazily, row by row (as TensorFlow's LazyAdam): only
 * the rows in this step's {@link RowSparseGrad} have their moments and values updated, with the global step's bias
 * correction, and weight decay applies to those rows only; untouched rows stay exactly as they were. The cost is
 * O(rows touched · dim), whatever the table size. Dense parameters go through the backend's fused AdamW kernel when it
 * offers one ({@link FusedUpdates#adamw}: one pass per parameter, moments updated in place), else through tensor ops. (If a table also received a dense gradient, e.g. a tied output
 * head, the two are summed densely and the ordinary update applies.)
 */
public final class AdamW implements Optimizer {
    private final Map<String, Parameter> params;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;
    private final Map<String, Tensor> expAvg = new LinkedHashMap<>();
    private final Map<String, Tensor> expAvgSq = new LinkedHashMap<>();
    private long steps;

    public AdamW(Map<String, Parameter> params, float beta1, float beta2, float eps, float weightDecay) {
        this.params = new LinkedHashMap<>(params);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    /** β = (0.9, 0.95), ε = 1e-8, the given weight decay. */
    public static AdamW of(Map<String, Parameter> params, float weightDecay) {
        return new AdamW(params, 0.9f, 0.95f, 1e-8f, weightDecay);
    }

    @Override
    public void step(LearningRates rates) {
        steps++;
        double c1 = 1 - Math.pow(beta1, steps);
        double c2 = 1 - Math.pow(beta2, steps);
        try (var ng = GradMode.noGrad()) {
            List<String> names = new ArrayList<>();
            List<Tensor> values = new ArrayList<>();
            List<Tensor> grads = new ArrayList<>();
            List<Tensor> ms = new ArrayList<>();
            List<Tensor> vs = new ArrayList<>();
            List<Float> lrs = new ArrayList<>();
            List<Float> decays = new ArrayList<>();
            for (var e : params.entrySet()) {
                Parameter p = e.getValue();
                Tensor g = p.value().grad();
                RowSparseGrad sparse = p.value().sparseGrad();
                float plr = (float) (rates.of(e.getKey(), p) * p.lrSchedule().applyAsDouble(steps - 1));
                if (sparse != null && g == null) {
                    lazyRowUpdate(e.getKey(), p, sparse.coalesce(), plr, c1, c2);
                    continue;
                }
                if (sparse != null) {
                    g = g.add(sparse.toDense());
                }
                if (g == null) {
                    continue;
                }
                names.add(e.getKey());
                values.add(p.value());
                grads.add(g);
                // the moments are allocated once and updated in place by the fused kernel
                ms.add(expAvg.computeIfAbsent(e.getKey(), k -> zerosLike(p.value())));
                vs.add(expAvgSq.computeIfAbsent(e.getKey(), k -> zerosLike(p.value())));
                lrs.add(plr);
                decays.add(p.weightDecay() ? weightDecay : 0f);
            }
            float[] lrArr = toArray(lrs);
            float[] decayArr = toArray(decays);
            if (FusedUpdates.adamw(values, grads, ms, vs, lrArr, decayArr, beta1, beta2, eps, c1, c2)) {
                return;
            }
            for (int i = 0; i < values.size(); i++) {
                compositeUpdate(names.get(i), values.get(i), grads.get(i), lrArr[i], decayArr[i], c1, c2);
            }
        }
    }

    /** The update written with tensor ops, for backends without the fused kernel. */
    private void compositeUpdate(String name, Tensor p, Tensor g, float plr, float decay, double c1, double c2) {
        Tensor m = expAvg.get(name).mul(beta1).add(g.mul(1 - beta1));
        Tensor v = expAvgSq.get(name).mul(beta2).add(g.square().mul(1 - beta2));
        expAvg.put(name, TensorScope.escape(m));
        expAvgSq.put(name, TensorScope.escape(v));
        if (decay != 0) {
            p.copyFrom(p.mul(1 - plr * decay));
        }
        // p -= lr/c1 · m / (√(v/c2) + ε)
        Tensor update = m.div(v.div((float) c2).sqrt().add(eps));
        p.addInPlace(update, (float) (-plr / c1));
    }

    private static float[] toArray(List<Float> xs) {
        float[] a = new float[xs.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = xs.get(i);
        }
        return a;
    }

    /** Adam on the touched rows only; the moment tables are allocated once and updated in place. */
    private void lazyRowUpdate(String name, Parameter p, RowSparseGrad g, float plr, double c1, double c2) {
        Tensor table = p.value();
        Tensor m = expAvg.computeIfAbsent(name, k -> zerosLike(table));
        Tensor v = expAvgSq.computeIfAbsent(name, k -> zerosLike(table));
        Tensor rows = g.indices();
        Tensor mOld = m.indexSelect(0, rows);
        Tensor vOld = v.indexSelect(0, rows);
        Tensor mNew = mOld.mul(beta1).add(g.values().mul(1 - beta1));
        Tensor vNew = vOld.mul(beta2).add(g.values().square().mul(1 - beta2));
        m.addRowsInPlace(rows, mNew.sub(mOld), 1f);
        v.addRowsInPlace(rows, vNew.sub(vOld), 1f);
        Tensor delta = mNew.div(vNew.div((float) c2).sqrt().add(eps)).mul((float) (-plr / c1));
        if (p.weightDecay() && weightDecay != 0) {
            delta = delta.sub(table.indexSelect(0, rows).mul(plr * weightDecay));
        }
        table.addRowsInPlace(rows, delta, 1f);
    }

    /** Zeros for a moment: state outlives the step, so it never belongs to a scope the caller has open. */
    private static Tensor zerosLike(Tensor t) {
        try (var s = dev.seedling.Seedling.use(t.backend())) {
            return TensorScope.escape(Tensor.zeros(t.dims()));
        }
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public Map<String, Tensor> state() {
        Map<String, Tensor> s = new LinkedHashMap<>();
        expAvg.forEach((k, t) -> s.put(k + ".exp_avg", t));
        expAvgSq.forEach((k, t) -> s.put(k + ".exp_avg_sq", t));
        return s;
    }

    @Override
    public void loadState(Map<String, Tensor> state, long steps) {
        expAvg.clear();
        expAvgSq.clear();
        for (var e : state.entrySet()) {
            String key = e.getKey();
            if (key.endsWith(".exp_avg")) {
                put(expAvg, key.substring(0, key.length() - ".exp_avg".length()), e.getValue(), key);
            } else if (key.endsWith(".exp_avg_sq")) {
                put(expAvgSq, key.substring(0, key.length() - ".exp_avg_sq".length()), e.getValue(), key);
            } else {
                throw new IllegalArgumentException("AdamW: unexpected optimiser state entry '" + key + "'");
            }
        }
        this.steps = steps;
    }

    private void put(Map<String, Tensor> into, String param, Tensor t, String key) {
        Parameter p = params.get(param);
        if (p == null || !p.value().shape().equals(t.shape())) {
            throw new IllegalArgumentException("AdamW: state '" + key + "' " + t.shape() + " does not match parameter "
                    + (p == null ? "(none)" : p.value().shape()));
        }
        // a packed copy of its own: the moments are updated in place, and the fused kernel needs them contiguous
        into.put(param, TensorScope.escape(t.to(p.value().backend()).detach().clone()));
    }

    @Override
    public Map<String, Parameter> parameters() {
        return params;
    }
}
