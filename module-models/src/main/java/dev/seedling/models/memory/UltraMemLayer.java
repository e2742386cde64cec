package dev.seedling.models.memory;

import dev.seedling.autograd.GradMode;
import dev.seedling.models.Parameter;
import dev.seedling.models.nn.Linear;
import dev.seedling.models.norm.LayerNorm;
import dev.seedling.tensor.Generator;
import dev.seedling.tensor.Tensor;
import dev.seedling.tensor.TensorScope;

import java.util.ArrayList;
import java.util.List;

/**
 * An UltraMem layer (Huang et al., ICLR 2025; V1 as in the official code). Per token x (block a's normed FFN input):
 * <ol>
 *   <li>{@code q = W_q·x}, split into row and column queries per query (heads 2i and 2i+1 share query i), each
 *       layer-normed over kdim; keys are layer-normed too;</li>
 *   <li>per head and Tucker rank ρ: {@code S_row[ρ] = K_row[ρ]·q_row}, {@code S_col[ρ] = K_col[ρ]·q_col};</li>
 *   <li>{@link TuckerRetrieval}: approximate two-stage top-m with the rank-1 vectors (u, t) and the h cores; no
 *       softmax, the raw per-core scores are the weights;</li>
 *   <li>{@link ImplicitValueExpansion}: selected virtual slots → physical rows and pools; each core's score scales its
 *       value slice (multi-core scoring); scatter-add pooling, then {@code out = W_o·vec(pooled)}.</li>
 * </ol>
 * (u, t) are refreshed from the SVD of {@code ΣC_c} before every training step ({@link #beforeTrainingStep}) and before
 * the first forward; they are state saved with the parameters but get no gradient. The auxiliary loss
 * {@code α/(r−1)·Σ_{i≥2} relu(σ_i(ΣC_c) − τ)²} keeps the cores near rank 1.
 *
 * <p>Parameters: {@code query_proj.weight [Q·2·kdim, d]}, {@code query_norm.{weight,bias} [kdim]},
 * {@code keys [H, 2, r, √E·K, kdim]}, {@code key_norm.{weight,bias} [kdim]}, {@code cores [h, H, r, r]},
 * {@code values [K², vdim]} (row-sparse gradient, decaying LR multiplier), {@code value_proj.weight [d, E·vdim]},
 * {@code rank1_u, rank1_t [H, r]}. Initialisation: the paper's ({@link MemoryInit}); cores U(0, 1).
 */
public final class UltraMemLayer extends MemoryLayer {
    private final Linear queryProj;
    private final LayerNorm queryNorm;
    private final Parameter keys;
    private final LayerNorm keyNorm;
    private final Parameter cores;
    private final Parameter values;
    private final Linear valueProj;
    private final Parameter rank1U;
    private final Parameter rank1T;
    private final ImplicitValueExpansion ive;
    private final int heads;
    private final int rank;
    private final int coreCount;
    private final int keysPerSide;
    private final int keyDim;
    private final int topM;
    private final float auxCoef;
    private final float auxTau;
    private Tensor cachedKeys;

    /**
     * @param layers the LM's number of blocks L (value init variance {@code E/(2·m·H·L)})
     * @param seed   seed of the IVE permutation
     */
    public UltraMemLayer(MemoryConfig c, int dModel, int layers, Generator gen, long seed) {
        this(c, dModel, layers, gen, new ImplicitValueExpansion(c.keys() * c.keys(), c.expansion(), seed));
    }

    /** With a given value expansion (its permutation), e.g. one fixed by a reference implementation. */
    public UltraMemLayer(MemoryConfig c, int dModel, int layers, Generator gen, ImplicitValueExpansion ive) {
        this.heads = c.heads();
        this.rank = c.rank();
        this.coreCount = c.cores();
        this.keysPerSide = c.keyExpansion() * c.keys();
        this.keyDim = c.keyDim();
        this.topM = c.topM();
        this.auxCoef = c.auxCoef();
        this.auxTau = c.auxTau();
        int queries = heads == 1 ? 1 : heads / 2;
        int physical = c.keys() * c.keys();
        this.queryProj = child("query_proj", new Linear(
                Tensor.normal(0, 1 / Math.sqrt(dModel), gen, queries * 2 * keyDim, dModel), false));
        this.queryNorm = child("query_norm", new LayerNorm(keyDim, 1e-5f, true));
        this.keys = parameter("keys", Parameter.decayed(
                Tensor.normal(0, 1 / Math.sqrt(keyDim), gen, heads, 2, rank, keysPerSide, keyDim)));
        this.keyNorm = child("key_norm", new LayerNorm(keyDim, 1e-5f, true));
        this.cores = parameter("cores", Parameter.undecayed(Tensor.rand(gen, coreCount, heads, rank, rank)));
        Tensor v = Tensor.normal(0, MemoryInit.valueStd(c.expansion(), topM, heads, layers), gen,
                physical, c.valueDim());
        v.requiresSparseGrad(true);
        this.values = parameter("values", new Parameter(v, false, 1f,
                ValueLearningRate.linearDecay(c.valueLrStart(), c.valueLrDecaySteps())));
        this.valueProj = child("value_proj", new Linear(Tensor.normal(0, 1 / Math.sqrt(c.expansion() * c.valueDim()),
                gen, dModel, c.expansion() * c.valueDim()), false));
        this.rank1U = parameter("rank1_u", new Parameter(Tensor.zeros(heads, rank), false, 0f));
        this.rank1T = parameter("rank1_t", new Parameter(Tensor.zeros(heads, rank), false, 0f));
        if (ive.virtualSize() != physical * c.expansion()) {
            throw new IllegalArgumentException("UltraMem: value expansion has " + ive.virtualSize() + " virtual "
                    + "values for K²·E = " + physical * c.expansion());
        }
        this.ive = ive;
        try (var ng = GradMode.noGrad()) {
            // the paper's gains: query 1/√E[Y] (Y = mean top-m of n normals), key 1/√kdim; the candidate score ≈ 1
            queryNorm.namedParameters().get("weight").value().copyFrom(
                    Tensor.full(MemoryInit.queryNormGain(keysPerSide, topM), keyDim));
            keyNorm.namedParameters().get("weight").value().copyFrom(
                    Tensor.full((float) (1 / Math.sqrt(keyDim)), keyDim));
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        if (allZero(rank1U.value())) {
            refreshRank1();                       // u, t start at 0: refresh before the first forward
        }
        int d = x.size(-1);
        Tensor flat = x.reshape(-1, d);
        int tokens = flat.size(0);
        int queries = heads == 1 ? 1 : heads / 2;
        Tensor q = queryNorm.forward(queryProj.forward(flat).reshape(tokens, queries, 2, keyDim));
        Tensor k = normalisedKeys();                                               // [H, 2, r, n, kdim]
        float[] u = rank1U.value().toFloatArray();
        float[] t = rank1T.value().toFloatArray();
        List<Tensor> scores = new ArrayList<>();
        long[] slots = new long[tokens * heads * topM];
        for (int h = 0; h < heads; h++) {
            Tensor qh = q.select(1, heads == 1 ? 0 : h / 2);                      // shared query
            Tensor sRow = scores(qh.select(1, 0), k.select(0, h).select(0, 0), tokens);
            Tensor sCol = scores(qh.select(1, 1), k.select(0, h).select(0, 1), tokens);
            List<Tensor> hc = new ArrayList<>();
            for (int c = 0; c < coreCount; c++) {
                hc.add(cores.value().select(0, c).select(0, h));
            }
            TuckerRetrieval.Selection sel = TuckerRetrieval.select(sRow, sCol, slice(u, h), slice(t, h), hc, topM);
            scores.add(sel.coreScores());
            for (int tok = 0; tok < tokens; tok++) {
                System.arraycopy(sel.slots(), tok * topM, slots, (tok * heads + h) * topM, topM);
            }
        }
        Tensor coreScores = Tensor.cat(1, scores);                                 // [T, H·m, h]
        return ive.poolThenProject(values.value(), coreScores, slots, valueProj).reshape(x.dims());
    }

    /**
     * The layer-normed keys. In evaluation mode without gradients (decoding) they are computed once and kept until
     * the layer is next used for training or {@link #beforeTrainingStep} runs: parameters changed in place while in
     * evaluation mode are not seen (switch to training mode or call {@link #beforeTrainingStep} after loading).
     */
    private Tensor normalisedKeys() {
        if (isTraining() || GradMode.isEnabled()) {
            cachedKeys = null;
            return keyNorm.forward(keys.value());
        }
        if (cachedKeys == null) {
            // the cache outlives the call, so it must not belong to a TensorScope the caller has open
            cachedKeys = TensorScope.escape(keyNorm.forward(keys.value()));
        }
        return cachedKeys;
    }

    /** Per-rank scores {@code [T, r, n]} of queries {@code [T, kdim]} against keys {@code [r, n, kdim]}. */
    private Tensor scores(Tensor q, Tensor k, int tokens) {
        return q.matmul(k.reshape(rank * keysPerSide, keyDim).mT()).reshape(tokens, rank, keysPerSide);
    }

    private float[] slice(float[] all, int h) {
        float[] s = new float[rank];
        System.arraycopy(all, h * rank, s, 0, rank);
        return s;
    }

    private static boolean allZero(Tensor t) {
        for (float f : t.toFloatArray()) {
            if (f != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void beforeTrainingStep() {
        cachedKeys = null;
        refreshRank1();
    }

    /** Sets (u, t) of every head to the leading singular pair of {@code ΣC_c}, keeping the sign closest to before. */
    public void refreshRank1() {
        float[] uAll = rank1U.value().toFloatArray();
        float[] tAll = rank1T.value().toFloatArray();
        for (int h = 0; h < heads; h++) {
            double[][] pair = SmallSvd.rank1WithSignContinuity(coreSum(h), toDouble(slice(uAll, h)),
                    toDouble(slice(tAll, h)));
            for (int i = 0; i < rank; i++) {
                uAll[h * rank + i] = (float) pair[0][i];
                tAll[h * rank + i] = (float) pair[1][i];
            }
        }
        try (var ng = GradMode.noGrad()) {
            rank1U.value().copyFrom(Tensor.of(uAll, heads, rank).to(rank1U.value().backend()));
            rank1T.value().copyFrom(Tensor.of(tAll, heads, rank).to(rank1T.value().backend()));
        }
    }

    private double[][] coreSum(int h) {
        float[] all = cores.value().toFloatArray();
        double[][] m = new double[rank][rank];
        for (int c = 0; c < coreCount; c++) {
            for (int i = 0; i < rank; i++) {
                for (int j = 0; j < rank; j++) {
                    m[i][j] += all[((c * heads + h) * rank + i) * rank + j];
                }
            }
        }
        return m;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /**
     * {@code α/(r−1)·Σ_heads Σ_{i≥2} relu(σ_i(ΣC_c) − τ)²}, or {@code null} when α = 0 or r = 1. Each σ_i is written
     * as {@code u_iᵀ·(ΣC_c)·v_i} with the singular vectors held fixed, whose gradient {@code u_i·v_iᵀ} is that of σ_i.
     */
    @Override
    public Tensor auxiliaryLoss() {
        if (auxCoef == 0 || rank < 2) {
            return null;
        }
        Tensor total = null;
        for (int h = 0; h < heads; h++) {
            Tensor sum = null;
            for (int c = 0; c < coreCount; c++) {
                Tensor core = cores.value().select(0, c).select(0, h);
                sum = sum == null ? core : sum.add(core);
            }
            SmallSvd svd = SmallSvd.of(coreSum(h));
            for (int i = 1; i < rank; i++) {
                Tensor ui = Tensor.of(toFloat(svd.leftVector(i)), 1, rank).to(sum.backend());
                Tensor vi = Tensor.of(toFloat(svd.rightVector(i)), rank, 1).to(sum.backend());
                Tensor sigma = ui.matmul(sum).matmul(vi).reshape();
                Tensor term = sigma.sub(auxTau).relu().square();
                total = total == null ? term : total.add(term);
            }
        }
        return total.mul(auxCoef / (rank - 1));
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    public ImplicitValueExpansion valueExpansion() {
        return ive;
    }

    public Tensor values() {
        return values.value();
    }

    public Linear valueProjection() {
        return valueProj;
    }
}
