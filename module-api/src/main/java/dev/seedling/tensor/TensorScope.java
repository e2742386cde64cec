package dev.seedling.tensor;

import dev.seedling.backend.Storage;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Deterministic release of device memory. Every storage allocated on this thread while the scope is open is released
 * when it closes, except those of tensors passed to {@link #keep}. Scopes nest; a kept tensor moves to the enclosing
 * scope, if any. Without a scope, storages live until unreachable (a {@link java.lang.ref.Cleaner} in each backend
 * frees device buffers then).
 * <pre>{@code
 * Tensor loss;
 * try (var scope = TensorScope.open()) {
 *     loss = scope.keep(model.forward(x).sum());   // everything else from this step is freed here
 * }
 * }</pre>
 * Not thread-safe: open, use and close a scope on one thread.
 */
public final class TensorScope implements AutoCloseable {
    private static final ThreadLocal<Deque<TensorScope>> STACK = ThreadLocal.withInitial(ArrayDeque::new);
    private final Set<Storage> owned = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;

    private TensorScope() {
    }

    /** Opens a scope on this thread. */
    public static TensorScope open() {
        TensorScope s = new TensorScope();
        STACK.get().push(s);
        return s;
    }

    static void register(Storage storage) {
        TensorScope s = STACK.get().peek();
        if (s != null) {
            s.owned.add(storage);
        }
    }

    /** Exempts {@code t}'s storage from this scope (handing it to the enclosing scope, if any); returns {@code t}. */
    public Tensor keep(Tensor t) {
        Storage st = t.storage();
        if (owned.remove(st)) {
            Deque<TensorScope> stack = STACK.get();
            boolean passedSelf = false;
            for (TensorScope outer : stack) {
                if (passedSelf) {
                    outer.owned.add(st);
                    break;
                }
                passedSelf = outer == this;
            }
        }
        return t;
    }

    /**
     * Takes {@code t}'s storage out of every scope open on this thread: it lives until unreachable or closed, like a
     * tensor made outside any scope. For state made inside a scope that must outlive it (a module's cache, an
     * optimiser's lazily created moments). Returns {@code t}.
     */
    public static Tensor escape(Tensor t) {
        Storage st = t.storage();
        for (TensorScope s : STACK.get()) {
            s.owned.remove(st);
        }
        return t;
    }

    /**
     * Keeps the accumulated gradients (dense and row-sparse) of {@code leaves}, so that a training step's forward and
     * backward can run inside a scope: the activations go when it closes, the gradients stay for the optimiser.
     * <pre>{@code
     * try (var scope = TensorScope.open()) {
     *     model.loss(x, y).backward();
     *     scope.keepGradients(parameters);
     * }
     * optimizer.step(lr);
     * }</pre>
     */
    public void keepGradients(Iterable<Tensor> leaves) {
        for (Tensor leaf : leaves) {
            if (leaf.grad() != null) {
                keep(leaf.grad());
            }
            RowSparseGrad sparse = leaf.sparseGrad();
            if (sparse != null) {
                keep(sparse.indices());
                keep(sparse.values());
            }
        }
    }

    /** Number of storages this scope will release. */
    public int size() {
        return owned.size();
    }

    /** Releases every storage still owned. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Deque<TensorScope> stack = STACK.get();
        if (stack.peek() != this) {
            throw new IllegalStateException("TensorScope closed out of order (scopes must nest)");
        }
        stack.pop();
        for (Storage s : owned) {
            s.close();
        }
        owned.clear();
    }
}
