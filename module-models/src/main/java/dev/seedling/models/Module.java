package dev.seedling.models;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A node of a model tree: named parameters and named children, in registration order, plus a train/eval flag that
 * propagates to the children. The checkpoint name of a parameter is its path from the root: the child names and the
 * parameter name joined by dots, as in PyTorch's {@code state_dict}. Nobody maintains a name table by hand.
 *
 * <p>Subclasses register everything in their constructor with {@link #parameter} and {@link #child}; forward methods
 * are ordinary methods with the signatures their callers need. Not thread-safe while training.
 */
public abstract class Module {
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Registers a parameter under {@code name}; returns it. */
    protected final Parameter parameter(String name, Parameter p) {
        checkName(name);
        parameters.put(name, p);
        return p;
    }

    /** Registers a child module under {@code name}; returns it. */
    protected final <M extends Module> M child(String name, M module) {
        checkName(name);
        children.put(name, module);
        module.train(training);
        return module;
    }

    private void checkName(String name) {
        if (name.isEmpty() || name.contains(".") || parameters.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": invalid or repeated name '" + name
                    + "' (names are unique within a module and contain no dots)");
        }
    }

    /** Every parameter of this tree by its dotted path, depth first in registration order. */
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect("", out);
        return Collections.unmodifiableMap(out);
    }

    private void collect(String prefix, Map<String, Parameter> out) {
        parameters.forEach((n, p) -> out.put(prefix + n, p));
        children.forEach((n, c) -> c.collect(prefix + n + ".", out));
    }

    /** The direct children by name. */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** Total number of learnable scalars. */
    public final long parameterCount() {
        long n = 0;
        for (Parameter p : namedParameters().values()) {
            n += p.value().numel();
        }
        return n;
    }

    /** Switches this tree to training (dropout active) or evaluation mode. */
    public final void train(boolean on) {
        training = on;
        children.values().forEach(c -> c.train(on));
    }

    /** Whether the tree is in training mode. */
    public final boolean isTraining() {
        return training;
    }

    /** Clears the gradients of every parameter. */
    public final void zeroGrad() {
        namedParameters().values().forEach(p -> p.value().zeroGrad());
    }
}
