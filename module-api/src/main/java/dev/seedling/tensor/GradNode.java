package dev.seedling.tensor;

/**
 * One recorded op in the autograd graph: its inputs and the rule that maps the gradient of its output to gradients
 * of its inputs. Created by {@link Autograd#record}; freed (inputs and rule dropped) after backward unless the graph
 * is retained.
 */
final class GradNode {
    final String op;
    Tensor[] inputs;
    Backward rule;

    GradNode(String op, Tensor[] inputs, Backward rule) {
        this.op = op;
        this.inputs = inputs;
        this.rule = rule;
    }

    /** The backward rule of an op: gradients for each input, in order ({@code null} where an input needs none). */
    @FunctionalInterface
    interface Backward {
        Tensor[] apply(Tensor gradOutput);
    }
}
