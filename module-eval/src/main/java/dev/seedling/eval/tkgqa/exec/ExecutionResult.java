package dev.seedling.eval.tkgqa.exec;

import dev.seedling.eval.tkgqa.program.ValueType;

import java.util.List;

/**
 * The answers of one program, best first, with how they were reached.
 *
 * @param answers    ranked by the policy's {@link AnswerRanking}; facts are answered by their focus entities
 * @param answerType the last step's type
 * @param trace      one entry per step, in order
 */
public record ExecutionResult(List<RankedAnswer> answers, ValueType answerType, List<TraceStep> trace) {
    public ExecutionResult {
        answers = List.copyOf(answers);
        trace = List.copyOf(trace);
    }

    /** The answer texts, best first. */
    public List<String> texts() {
        return answers.stream().map(RankedAnswer::text).toList();
    }
}
