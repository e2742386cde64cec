package dev.seedling.conformance;

import dev.seedling.autograd.GradMode;
import dev.seedling.tensor.Tensor;

/** Ways to lay out the same values in memory, so every op is also exercised on non-contiguous inputs. */
public final class Layouts {
    private Layouts() {
    }

    /**
     * The same values as {@code t} (a leaf) in a non-contiguous layout: stored transposed when the last two dims are
     * both larger than 1, else every other element of a twice-as-long buffer. Rank-0 and one-element tensors come back
     * unchanged (they have no non-contiguous layout). The result is a new leaf that does not require grad.
     */
    public static Tensor strided(Tensor t) {
        try (var ng = GradMode.noGrad()) {
            Tensor out;
            if (t.numel() <= 1) {
                return t.detach();
            } else if (t.rank() >= 2 && t.size(-1) > 1 && t.size(-2) > 1) {
                out = t.mT().contiguous().mT();
            } else {
                out = Tensor.stack(-1, t, t).select(-1, 1);
            }
            if (out.isContiguous()) {
                throw new AssertionError("strided layout of " + t.shape() + " came out contiguous");
            }
            return out.detach();
        }
    }
}
