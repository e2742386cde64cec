package dev.seedling.models.nn;

import dev.seedling.models.Module;
import dev.seedling.models.Parameter;
import dev.seedling.tensor.Tensor;

/** A lookup table {@code weight [rows, dim]}; {@link #forward} maps ids of any shape to {@code ids.shape + [dim]}. */
public final class Embedding extends Module {
    private final Parameter weight;

    public Embedding(Tensor initialWeight) {
        this(initialWeight, false);
    }

    /**
     * With {@code sparse}, lookups give the table a row-sparse gradient ({@link Tensor#sparseGrad()}), which AdamW
     * applies lazily: training cost and memory traffic per step scale with the rows used, not the table size.
     */
    public Embedding(Tensor initialWeight, boolean sparse) {
        this(initialWeight, sparse, true);
    }

    /** As above; {@code weightDecay} false excludes the table from decoupled weight decay (hashed n-gram tables). */
    public Embedding(Tensor initialWeight, boolean sparse, boolean weightDecay) {
        if (initialWeight.rank() != 2) {
            throw new IllegalArgumentException("Embedding: weight must be [rows, dim] but is " + initialWeight.shape());
        }
        this.weight = parameter("weight", weightDecay ? Parameter.decayed(initialWeight)
                : Parameter.undecayed(initialWeight));
        if (sparse) {
            initialWeight.requiresSparseGrad(true);
        }
    }

    public Tensor weight() {
        return weight.value();
    }

    public int rows() {
        return weight.value().size(0);
    }

    public int dim() {
        return weight.value().size(1);
    }

    /** Rows for {@code ids} (I32 or I64); an id outside {@code [0, rows)} throws {@link IndexOutOfBoundsException}. */
    public Tensor forward(Tensor ids) {
        return weight.value().embedding(ids);
    }

    /** Logits against the table, for a head tied to this embedding: {@code h [..., dim]} to {@code [..., rows]}. */
    public Tensor attend(Tensor h) {
        return h.matmul(weight.value().mT());
    }
}
