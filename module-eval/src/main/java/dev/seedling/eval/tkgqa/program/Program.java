package dev.seedling.eval.tkgqa.program;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A program: steps in execution order, each depending only on earlier ones; the last step's value is the answer.
 * Immutable. Whether the steps make sense is {@link ProgramValidator}'s question, not this record's.
 *
 * @param steps the steps
 */
public record Program(List<Step> steps) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Program {
        steps = List.copyOf(steps);
    }

    /** A program of the given steps. */
    public static Program of(Step... steps) {
        return new Program(List.of(steps));
    }

    /** The number of steps. */
    public int size() {
        return steps.size();
    }

    /** Step {@code i}. */
    public Step step(int i) {
        return steps.get(i);
    }

    /** This program with step {@code i} replaced. */
    public Program withStep(int i, Step step) {
        List<Step> s = new ArrayList<>(steps);
        s.set(i, step);
        return new Program(s);
    }

    /** The linear form: one step per line, {@code Func<i>arg<d>k}, that {@link ProgramParser} reads back. */
    public String toLinear() {
        StringBuilder sb = new StringBuilder();
        for (Step s : steps) {
            sb.append(s.toLinear()).append('\n');
        }
        return sb.toString();
    }

    /** The KoPL JSON form: {@code [{"function":..,"inputs":[..],"dependencies":[..]}, ..]}. */
    public String toJson() {
        ArrayNode arr = JSON.createArrayNode();
        for (Step s : steps) {
            ObjectNode o = arr.addObject();
            o.put("function", s.function());
            ArrayNode in = o.putArray("inputs");
            s.inputs().forEach(in::add);
            ArrayNode deps = o.putArray("dependencies");
            s.dependencies().forEach(deps::add);
        }
        return arr.toString();
    }
}
