package dev.seedling.eval.tkgqa.program;

import java.util.List;
import java.util.Set;

/**
 * One accepted form of an operator's arguments.
 *
 * @param minTexts     the fewest text arguments
 * @param maxTexts     the most text arguments
 * @param dependencies for each dependency, in order, the value types it may have
 */
public record Signature(int minTexts, int maxTexts, List<Set<ValueType>> dependencies) {
    /** Entities or facts (whose focus entities are used). */
    public static final Set<ValueType> ENTITY_LIKE = Set.of(ValueType.ENTITIES, ValueType.FACTS);
    /** Times or facts (whose times are used). */
    public static final Set<ValueType> TIME_LIKE = Set.of(ValueType.TIMES, ValueType.FACTS);
    /** Facts only. */
    public static final Set<ValueType> FACTS = Set.of(ValueType.FACTS);

    public Signature {
        dependencies = List.copyOf(dependencies);
    }

    /** Whether the argument counts fit this form. */
    public boolean fits(int texts, int deps) {
        return texts >= minTexts && texts <= maxTexts && deps == dependencies.size();
    }

    /** A readable form such as {@code 1 text + [FACTS, TIMES|FACTS]} for error messages and the prompt. */
    public String describe() {
        String t = minTexts == maxTexts ? String.valueOf(minTexts) : minTexts + "-" + maxTexts;
        StringBuilder sb = new StringBuilder(t).append(" text + [");
        for (int i = 0; i < dependencies.size(); i++) {
            sb.append(i == 0 ? "" : ", ");
            sb.append(String.join("|", dependencies.get(i).stream().map(Enum::name).sorted().toList()));
        }
        return sb.append(']').toString();
    }
}
