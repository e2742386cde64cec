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
     * Every differentiable op ends with this call, its rule written beside its forward. The node keeps edges to the
     * inputs (see {@link GradNode}), never the inputs themselves: a rule captures what its backward reads.
     */
    static Tensor record(String op, Tensor out, GradNode.Backward rule, Tensor... inputs) {
        if (!GradMode.isEnabled()) {
            return out;
        }
        Object[] edges = null;
        for (int i = 0; i < inputs.length; i++) {
            Tensor in = inputs[i];
            if (in != null && in.requiresGrad()) {
                if (edges == null) {
                    edges = new Object[inputs.length];
                }
                edges[i] = in.gradFn != null ? in.gradFn : in;
            }
        }
        if (edges == null) {
            return out;
        }
        out.gradFn = new GradNode(op, out.shape(), ownBytes(out, inputs), edges, rule);
        return out;
    }

    /** The output's storage bytes when no input shares that storage (a fresh result), else 0 (a view). */
    private static long ownBytes(Tensor out, Tensor[] inputs) {
        if (out.isReleased()) {
            return 0;
        }
        for (Tensor in : inputs) {
            if (in != null && in.storage() == out.storage()) {
                return 0;
            }
        }
        return out.storage().bytes();
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
        Object start = root.gradFn != null ? root.gradFn : root;
        List<Object> order = topologicalOrder(start);
        Map<Object, Tensor> grads = new IdentityHashMap<>();
        grads.put(start, seed);
        // gradients whose storage another tensor may share: the seed, what a rule hands to two inputs, and views of
        // those passed on. A leaf takes any other gradient without copying it.
        Set<Tensor> shared = Collections.newSetFromMap(new IdentityHashMap<>());
        shared.add(seed);
        try (var ng = GradMode.noGrad()) {
            for (Object vertex : order) {
                Tensor g = grads.remove(vertex);
                if (g == null) {
                    continue;
                }
                if (vertex instanceof Tensor leaf) {
                    if (leaf.requiresGrad()) {
                        leaf.accumulateGrad(g, !shared.contains(g));
                    }
                    continue;
                }
                GradNode node = (GradNode) vertex;
                if (node.rule == null) {
                    throw new IllegalStateException("backward: the graph through '" + node.op
                            + "' was already freed by an earlier backward(); pass retainGraph=true to run twice");
                }
                Tensor[] inGrads = node.rule.apply(g);
                markShared(g, inGrads, shared);
                releaseIfDead(g, inGrads, shared);
                for (int i = 0; i < node.inputs.length; i++) {
                    Object in = node.inputs[i];
                    Tensor ig = inGrads[i];
                    if (in == null || ig == null) {
                        continue;
                    }
                    Shape expected = in instanceof GradNode n ? n.shape : ((Tensor) in).shape();
                    if (!ig.shape().equals(expected)) {
                        throw new IllegalStateException("backward of '" + node.op + "' produced a gradient of shape "
                                + ig.shape() + " for input " + i + " of shape " + expected);
                    }
                    // a sum is exclusive: written into the first gradient when the engine owns it, else fresh
                    grads.merge(in, ig, (sum, next) -> shared.contains(sum) ? sum.add(next)
                            : Elementwise.accumulateInto(sum, next));
                }
                if (!retainGraph) {
                    node.rule = null;
                    node.inputs = new Object[0];
                }
            }
        }
    }

    /**
     * Closes the storage of an incoming gradient the rule has consumed when nothing else can reach it: the engine owns
     * it (not shared), it is its whole storage, and no input gradient the rule returned is a view of it. Its memory
     * then serves later allocations (the CPU backend pools the array); a tensor that wrongly kept it would fail on use
     * rather than read reused memory.
     */
    private static void releaseIfDead(Tensor g, Tensor[] inGrads, Set<Tensor> shared) {
        if (shared.contains(g) || !g.coversStorage()) {
            return;
        }
        for (Tensor ig : inGrads) {
            if (ig != null && ig.storage() == g.storage()) {
                return;
            }
        }
        g.storage().close();
    }

    /**
     * Marks the input gradients that share a storage with another input gradient of the same rule, or pass on (a
     * view of) an incoming gradient that is itself shared. A view of an exclusive incoming gradient handed to one
     * input stays exclusive: the engine drops the incoming gradient once the rule has run.
     */
    private static void markShared(Tensor g, Tensor[] inGrads, Set<Tensor> shared) {
        boolean incomingShared = shared.contains(g);
        for (int i = 0; i < inGrads.length; i++) {
            Tensor ig = inGrads[i];
            if (ig == null) {
                continue;
            }
            if (shared.contains(ig) || (incomingShared && ig.storage() == g.storage())) {
                shared.add(ig);
                continue;
            }
            for (int j = 0; j < inGrads.length; j++) {
                if (j != i && inGrads[j] != null && inGrads[j].storage() == ig.storage()) {
                    shared.add(ig);
                    break;
                }
            }
        }
    }

    /** See {@link Tensor#graphActivationBytes()}: the bytes of every fresh op result reachable from root. */
    static long activationBytes(Tensor root) {
        if (root.gradFn == null) {
            return 0;
        }
        Set<GradNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<GradNode> todo = new ArrayDeque<>();
        todo.push(root.gradFn);
        seen.add(root.gradFn);
        long bytes = 0;
        while (!todo.isEmpty()) {
            GradNode node = todo.pop();
            bytes += node.ownBytes;
            for (Object in : node.inputs) {
                if (in instanceof GradNode n && seen.add(n)) {
                    todo.push(n);
                }
            }
        }
        return bytes;
    }

    /** Vertices (nodes and leaves) reachable from {@code root}, each after every vertex that consumes it. */
    private static List<Object> topologicalOrder(Object root) {
        List<Object> post = new ArrayList<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[]{root, 0});
        seen.add(root);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Object[] inputs = frame[0] instanceof GradNode n ? n.inputs : NO_EDGES;
            int next = (Integer) frame[1];
            if (next < inputs.length) {
                frame[1] = next + 1;
                Object in = inputs[next];
                if (in != null && seen.add(in)) {
                    stack.push(new Object[]{in, 0});
                }
            } else {
                stack.pop();
                post.add(frame[0]);
            }
        }
        Collections.reverse(post);
        return post;
    }

    private static final Object[] NO_EDGES = new Object[0];
}
