package dev.seedling.eval.tkgqa.program;

import java.util.List;
import java.util.Objects;

/**
 * One program step: a function name, its text arguments and the indices of the earlier steps it consumes. The name is
 * kept as written (case included) so that the validator can report an unknown function; {@link ProgramValidator}
 * resolves it. It must be a name the linear form can carry, {@code [A-Za-z][A-Za-z0-9_]*}, so that
 * {@link #toLinear} always reads back: both forms of {@link ProgramParser} refuse any other.
 *
 * @param function     the function name, e.g. {@code Relate}
 * @param inputs       text arguments in order (the {@code <i>} parts)
 * @param dependencies indices of earlier steps in order (the {@code <d>} parts)
 */
public record Step(String function, List<String> inputs, List<Integer> dependencies) {
    /**
     * @throws IllegalArgumentException naming the function and its first offending character when it is not a name
     *                                  the linear form can carry (empty, whitespace, {@code <}, {@code #}, ...)
     */
    public Step {
        Objects.requireNonNull(function, "function");
        String problem = nameProblem(function);
        if (problem != null) {
            throw new IllegalArgumentException("step function '" + function + "' cannot be written in the linear "
                    + "form: " + problem);
        }
        inputs = List.copyOf(inputs);
        dependencies = List.copyOf(dependencies);
    }

    /**
     * Why {@code name} cannot be a function name of the linear form, or null when it can; the parsers use it to
     * refuse such names before building a step.
     */
    static String nameProblem(String name) {
        String rule = "; a function name is an ASCII letter followed by ASCII letters, digits or '_'";
        if (name.isEmpty()) {
            return "it is empty" + rule;
        }
        if (!isAsciiLetter(name.charAt(0))) {
            return describe(name.codePointAt(0)) + " at index 0 is not an ASCII letter" + rule;
        }
        for (int at = 1; at < name.length(); at++) {
            char c = name.charAt(at);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '_') {
                return describe(name.codePointAt(at)) + " at index " + at + " is not an ASCII letter, digit or '_'"
                        + rule;
            }
        }
        return null;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    /** A character as a message shows it: quoted when printable, its code point always. */
    private static String describe(int c) {
        String code = String.format("U+%04X", c);
        return Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)
                ? code : "'" + Character.toString(c) + "' (" + code + ")";
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
     * exactly these inputs (and this function name, which the constructor checked the form can carry).
     */
    public String toLinear() {
        StringBuilder sb = new StringBuilder(function);
        inputs.forEach(i -> sb.append("<i>").append(LinearArgument.write(i)));
        dependencies.forEach(d -> sb.append("<d>").append(d));
        return sb.toString();
    }
}
