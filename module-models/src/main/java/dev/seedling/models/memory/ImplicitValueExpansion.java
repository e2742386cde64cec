package dev.seedling.models.memory;

import dev.seedling.models.nn.Linear;
import dev.seedling.tensor.Tensor;

import java.util.SplittableRandom;

/**
 * UltraMem's implicit value expansion (IVE): {@code E·P} virtual values from {@code P} physical ones. Virtual slot v
 * maps through a fixed random permutation π to {@code w = π[v]}: physical row {@code w mod P}, projector
 * {@code p = w div P}. The virtual value is {@code Ṽ_p[row] = W_p·V[row]} with {@code W_o = [W_1 … W_E]}; instead of
 * projecting every selected row, rows are scatter-added into E pools per token and the pools projected once:
 * {@code out = W_o·vec(pooled)} (pool first, then project).
 */
public final class ImplicitValueExpansion {
    private final int physical;
    private final int expansion;
    private final int[] permutation;

    /** A random permutation of {@code expansion·physical} virtual slots drawn from {@code seed}. */
    public ImplicitValueExpansion(int physical, int expansion, long seed) {
        this(physical, expansion, shuffled(physical * expansion, seed));
    }

    /** With a given permutation (a bijection of {@code [0, expansion·physical)}, checked). */
    public ImplicitValueExpansion(int physical, int expansion, int[] permutation) {
        if ((long) physical * expansion != permutation.length) {
            throw new IllegalArgumentException("IVE: permutation has " + permutation.length + " entries for "
                    + expansion + " x " + physical + " virtual values");
        }
        boolean[] seen = new boolean[permutation.length];
        for (int w : permutation) {
            if (w < 0 || w >= seen.length || seen[w]) {
                throw new IllegalArgumentException("IVE: the permutation is not a bijection (entry " + w + ")");
            }
            seen[w] = true;
        }
        this.physical = physical;
        this.expansion = expansion;
        this.permutation = permutation;
    }

    private static int[] shuffled(int size, long seed) {
        int[] p = new int[size];
        for (int i = 0; i < size; i++) {
            p[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = size - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }

    public int virtualSize() {
        return permutation.length;
    }

    /** Physical row of virtual slot {@code v}. */
    public int physicalRow(long v) {
        return permutation[(int) v] % physical;
    }

    /** Projector (pool) of virtual slot {@code v}. */
    public int projector(long v) {
        return permutation[(int) v] / physical;
    }

    /**
     * The memory output {@code [T, d]}.
     *
     * @param values     physical table {@code [P, vdim]} (row-sparse gradient if so marked)
     * @param coreScores per-selection, per-core scores {@code [T, S, h]}; core c scales slice c of the value
     * @param slots      virtual slots {@code [T·S]}
     * @param projection {@code W_o}: {@code E·vdim → d}
     */
    public Tensor poolThenProject(Tensor values, Tensor coreScores, long[] slots, Linear projection) {
        int tokens = coreScores.size(0);
        int perToken = coreScores.size(1);
        int cores = coreScores.size(2);
        int vdim = values.size(1);
        long[] rows = new long[slots.length];
        long[] pools = new long[slots.length];
        for (int i = 0; i < slots.length; i++) {
            int w = permutation[(int) slots[i]];
            rows[i] = w % physical;
            pools[i] = (long) (i / perToken) * expansion + w / physical;
        }
        int n = slots.length;
        Tensor picked = values.indexSelect(0, Tensor.ofLongs(rows, n).to(values.backend()));   // V[phys] [N, vdim]
        Tensor scaled = picked.reshape(n, cores, vdim / cores)                                 // MCS: s_c · slice c
                .mul(coreScores.reshape(n, cores, 1)).reshape(n, vdim);
        Tensor pooled = Tensor.zeros(tokens * expansion, vdim).to(values.backend())            // scatter-add pooling
                .indexAdd(0, Tensor.ofLongs(pools, n).to(values.backend()), scaled);
        return projection.forward(pooled.reshape(tokens, expansion * vdim));                   // W_o · vec(pooled)
    }
}
