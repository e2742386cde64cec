package dev.seedling.models.memory;

import dev.seedling.autograd.GradMode;
import dev.seedling.tensor.Tensor;
import dev.seedling.tensor.TopK;

import java.util.ArrayList;
import java.util.List;

/**
 * UltraMem's Tucker-decomposed query–key retrieval (TDQKR) with multi-core scoring, for one head. With per-rank row
 * and column scores {@code S_row, S_col [T, r, n]}, slot {@code (i, j)} scores {@code Σ_c S_row[:, i]ᵀ·C_c·S_col[:, j]}.
 * The top-m over all n² slots is approximated in two stages:
 * <ol>
 *   <li>coarse: {@code a = S_rowᵀ·u}, {@code b = S_colᵀ·t} with the rank-1 approximation {@code u·tᵀ} of {@code ΣC_c};
 *       keep the top-m rows I and columns J (not differentiated);</li>
 *   <li>fine: {@code G_c = S_row[I]ᵀ·C_c·S_col[J]} (m×m per core); the top-m of {@code ΣG_c} is the selection, and
 *       each core's own score {@code G_c[sel]} is kept to scale its value slice.</li>
 * </ol>
 * Exact only when every coarse score is positive and ΣC_c is rank-1 non-negative (the spec's pitfall 1).
 */
public final class TuckerRetrieval {
    private TuckerRetrieval() {
    }

    /**
     * The m selected slots of each token: {@code slots [T·m]} as {@code i·n + j}, and the per-core scores
     * {@code [T, m, h]} (differentiable in the scores and cores).
     */
    public record Selection(long[] slots, Tensor coreScores) {
    }

    /**
     * Selects {@code m} slots per token.
     *
     * @param sRow  row scores {@code [T, r, n]}
     * @param sCol  column scores {@code [T, r, n]}
     * @param u     coarse row weights {@code [r]} (leading left singular vector of ΣC_c)
     * @param t     coarse column weights {@code [r]}
     * @param cores the h cores {@code [r, r]}
     */
    public static Selection select(Tensor sRow, Tensor sCol, float[] u, float[] t, List<Tensor> cores, int m) {
        int tokens = sRow.size(0);
        int r = sRow.size(1);
        int n = sRow.size(2);
        Tensor rows;
        Tensor cols;
        try (var ng = GradMode.noGrad()) {
            Tensor a = sRow.detach().mul(Tensor.of(u, 1, r, 1).to(sRow.backend())).sum(1, false);   // eq: a = S_row·u
            Tensor b = sCol.detach().mul(Tensor.of(t, 1, r, 1).to(sRow.backend())).sum(1, false);
            rows = a.topk(m, -1, true).indices();                                                // I [T, m]
            cols = b.topk(m, -1, true).indices();                                                // J [T, m]
        }
        Tensor sr = sRow.gather(2, rows.unsqueeze(1).expand(tokens, r, m).contiguous());        // S_row[I] [T, r, m]
        Tensor sc = sCol.gather(2, cols.unsqueeze(1).expand(tokens, r, m).contiguous());
        List<Tensor> fine = new ArrayList<>();
        Tensor total = null;
        for (Tensor core : cores) {
            Tensor g = sr.mT().matmul(core).matmul(sc).reshape(tokens, m * m);                  // G_c = S_rᵀ C_c S_c
            fine.add(g);
            total = total == null ? g.detach() : total.add(g.detach());
        }
        TopK best;
        try (var ng = GradMode.noGrad()) {
            best = total.topk(m, -1, true);                                                      // top-m of Σ_c G_c
        }
        List<Tensor> perCore = new ArrayList<>();
        for (Tensor g : fine) {
            perCore.add(g.gather(1, best.indices()));                                            // s_c = G_c[sel]
        }
        long[] ri = rows.toLongArray();
        long[] ci = cols.toLongArray();
        long[] sel = best.indices().toLongArray();
        long[] slots = new long[tokens * m];
        for (int k = 0; k < tokens; k++) {
            for (int j = 0; j < m; j++) {
                int c = (int) sel[k * m + j];
                slots[k * m + j] = ri[k * m + c / m] * n + ci[k * m + c % m];
            }
        }
        return new Selection(slots, Tensor.stack(2, perCore.toArray(Tensor[]::new)));
    }
}
