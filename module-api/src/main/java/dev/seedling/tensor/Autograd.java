package dev.seedling.tensor;

import dev.seedling.autograd.GradMode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The reverse-mode engine: recording nodes as ops run, and the backward pass. */
final class Autograd {
    private Autograd() {
    }

    /**
     * Attaches a backward node to {@code out} when grad mode is on and any input needs a gradient; returns {@code out}.
     * Every differentiable op ends with this call, its rule written beside its forward.
     */
    static Tensor record(String op, Tensor out, GradNode.Backward rule, Tensor... inputs) {
        if (!GradMode.isEnabled()) {
            return out;
        }
        for (Tensor in : inputs) {
            if (in != null && in.requiresGrad()) {
                out.gradFn = new GradNode(op, inputs.clone(), rule);
                return out;
            }
        }
        return out;
    }

    /** Back-propagates {@code seed} from {@code root}, accumulating into the {@code grad} of every leaf that wants one. */
    static void backward(Tensor root, Tensor seed, boolean retainGraph) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward: tensor " + root.shape()
                    + " does not require grad and has no grad_fn (did you call requiresGrad(true) on a leaf?)");
        }
        if (!seed.shape().equals(root.shape())) {
            throw new ShapeMismatchException("backward: gradient shape " + seed.shape()
                    + " does not match tensor shape " + root.shape());
        }
        List<Tensor> order = topologicalOrder(root);
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        grads.put(root, seed);
        try (var ng = GradMode.noGrad()) {
            for (Tensor t : order) {
                Tensor g = grads.remove(t);
                if (g == null) {
                    continue;
                }
                GradNode node = t.gradFn;
                if (node == null) {
                    t.accumulateGrad(g);
                    continue;
                }
                if (node.rule == null) {
                    throw new IllegalStateException("backward: the graph through '" + node.op
                            + "' was already freed by an earlier backward(); pass retainGraph=true to run twice");
                }
                Tensor[] inGrads = node.rule.apply(g);
                for (int i = 0; i < node.inputs.length; i++) {
                    Tensor in = node.inputs[i];
                    Tensor ig = inGrads[i];
                    if (in == null || ig == null || !in.requiresGrad()) {
                        continue;
                    }
                    if (!ig.shape().equals(in.shape())) {
                        throw new IllegalStateException("backward of '" + node.op + "' produced a gradient of shape "
                                + ig.shape() + " for input " + i + " of shape " + in.shape());
                    }
                    grads.merge(in, ig, Tensor::add);
                }
                if (!retainGraph) {
                    node.rule = null;
                    node.inputs = new Tensor[0];
                }
            }
        }
    }

    /** Tensors reachable from {@code root} through grad_fn inputs, each after every tensor that consumes it. */
    /** See {@link Tensor#graphActivationBytes()}: distinct storages of the recorded tensors reachable from root. */
    static long activationBytes(Tensor root) {
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Object> storages = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Tensor> todo = new ArrayDeque<>();
        todo.push(root);
        seen.add(root);
        long bytes = 0;
        while (!todo.isEmpty()) {
            Tensor t = todo.pop();
            if (t.gradFn == null) {
                continue;
            }
            if (!t.isReleased() && storages.add(t.storage())) {
                bytes += t.storage().bytes();
            }
            for (Tensor in : t.gradFn.inputs) {
                if (in != null && seen.add(in)) {
                    todo.push(in);
                }
            }
        }
        return bytes;
    }

    private static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> post = new ArrayList<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[]{root, 0});
        seen.add(root);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor t = (Tensor) frame[0];
            int next = (Integer) frame[1];
            Tensor[] inputs = t.gradFn == null ? new Tensor[0] : t.gradFn.inputs;
            if (next < inputs.length) {
                frame[1] = next + 1;
                Tensor in = inputs[next];
                if (in != null && in.requiresGrad() && seen.add(in)) {
                    stack.push(new Object[]{in, 0});
                }
            } else {
                stack.pop();
                post.add(t);
            }
        }
        Collections.reverse(post);
        return post;
    }
}
