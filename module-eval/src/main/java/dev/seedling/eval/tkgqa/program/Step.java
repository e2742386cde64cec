package dev.seedling.eval.tkgqa.program;

import java.util.List;
import java.util.Objects;

/**
 * One program step: a function name, its text arguments and the indices of the earlier steps it consumes. The name is
 * kept as written so that the validator can report an unknown function; {@link ProgramValidator} resolves it.
 *
 * @param function     the function name, e.g. {@code Relate}
 * @param inputs       text arguments in order (the {@code <i>} parts)
 * @param dependencies indices of earlier steps in order (the {@code <d>} parts)
 */
public record Step(String function, List<String> inputs, List<Integer> dependencies) {
    public Step {
        Objects.requireNonNull(function, "function");
        inputs = List.copyOf(inputs);
        dependencies = List.copyOf(dependencies);
    }

    /** A step from its parts, for tests and hand-written demos. */
    public static Step of(String function, List<String> inputs, Integer... dependencies) {
        return new Step(function, inputs, List.of(dependencies));
    }

    /** This step with text argument {@code i} replaced; used by linking. */
    public Step withInput(int i, String value) {
        List<String> in = new java.util.ArrayList<>(inputs);
        in.set(i, value);
        return new Step(function, in, dependencies);
    }

    /**
     * The linear form {@code Func<i>arg...<d>k...}; an argument that would not read back as written (one holding
     * {@code " #"} or a marker, say) is written as a JSON string literal, so {@link ProgramParser} reads back
     * exactly these inputs.
     */
    public String toLinear() {
        StringBuilder sb = new StringBuilder(function);
        inputs.forEach(i -> sb.append("<i>").append(LinearArgument.write(i)));
        dependencies.forEach(d -> sb.append("<d>").append(d));
        return sb.toString();
    }
}
