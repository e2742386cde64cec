package dev.seedling.tensor;

/** The result of {@link Tensor#topk}: values (F32, differentiable) and their positions along the dim (I64). */
public record TopK(Tensor values, Tensor indices) {
}
