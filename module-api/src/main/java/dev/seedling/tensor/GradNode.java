package dev.seedling.tensor;

/**
 * One recorded op in the autograd graph: the edges to its inputs and the rule that maps the gradient of its output to
 * gradients of its inputs. Created by {@link Autograd#record}; freed (edges and rule dropped) after backward unless the
 * graph is retained.
 *
 * <p>An edge is what backward needs to route a gradient, not the input tensor itself: the input's own
 * {@code GradNode} when it was computed, the leaf {@link Tensor} when it is a leaf that wants a gradient, or
 * {@code null} when it needs none. So the graph alone keeps no activation alive; only what a rule captures (the
 * tensors its backward reads) stays, as in PyTorch's saved tensors.
 */
final class GradNode {
    final String op;
    /** The output's shape: the shape every gradient arriving here must have. */
    final Shape shape;
    /** Bytes of the output's storage when the op allocated it, 0 when the output views an input's storage. */
    final long ownBytes;
    Object[] inputs;
    Backward rule;

    GradNode(String op, Shape shape, long ownBytes, Object[] inputs, Backward rule) {
        this.op = op;
        this.shape = shape;
        this.ownBytes = ownBytes;
        this.inputs = inputs;
        this.rule = rule;
    }

    /** The backward rule of an op: gradients for each input, in order ({@code null} where an input needs none). */
    @FunctionalInterface
    interface Backward {
        Tensor[] apply(Tensor gradOutput);
    }
}
