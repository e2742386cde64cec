package dev.seedling.eval.tkgqa.program;

import java.util.List;

/**
 * A program that passed {@link ProgramValidator}: each step's resolved operator, the signature it matched and its
 * result type.
 *
 * @param program    the program
 * @param operators  the operator of each step
 * @param signatures the index into {@link Operator#signatures()} each step matched
 * @param types      the result type of each step; the last is the answer type
 */
public record CheckedProgram(Program program, List<Operator> operators, List<Integer> signatures,
                             List<ValueType> types) {
    public CheckedProgram {
        operators = List.copyOf(operators);
        signatures = List.copyOf(signatures);
        types = List.copyOf(types);
    }

    /** The type of the program's answer. */
    public ValueType answerType() {
        return types.get(types.size() - 1);
    }
}
