package dev.seedling.models.embedding;

import dev.seedling.models.Parameter;
import dev.seedling.tensor.Tensor;

/** The plain input embedding: {@code e_i = E[x_i]} with {@code weight [vocab, d]}. */
public final class TokenEmbedding extends InputEmbedding {
    private final Parameter weight;

    public TokenEmbedding(Tensor initialWeight) {
        if (initialWeight.rank() != 2) {
            throw new IllegalArgumentException("TokenEmbedding: weight must be [vocab, d] but is "
                    + initialWeight.shape());
        }
        this.weight = parameter("weight", Parameter.decayed(initialWeight));
    }

    @Override
    public Tensor forward(Tensor ids, Tensor previous) {
        return weight.value().embedding(ids);
    }

    @Override
    public Tensor tokenTable() {
        return weight.value();
    }
}
