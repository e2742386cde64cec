package dev.seedling.eval.tkgqa;

import dev.seedling.eval.tkgqa.exec.RankedAnswer;
import dev.seedling.eval.tkgqa.program.Program;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of answering one question.
 *
 * @param questionId the question's id
 * @param category   the demo category used
 * @param draft      the model's reply, or null when the model failed
 * @param program    the linked program that ran, or null when none was reached
 * @param answers    ranked answers (empty on failure)
 * @param failedAt   the stage that failed, or {@link Stage#NONE}
 * @param error      what went wrong, or null
 * @param retryable  whether a later attempt may succeed (the model reported a transient failure)
 */
public record Attempt(String questionId, String category, String draft, Program program, List<RankedAnswer> answers,
                      Stage failedAt, String error, boolean retryable) {
    /** Where answering stopped. */
    public enum Stage { NONE, DRAFT, PARSE, VALIDATE, EXECUTE }

    public Attempt {
        Objects.requireNonNull(questionId, "questionId");
        answers = List.copyOf(answers);
        Objects.requireNonNull(failedAt, "failedAt");
    }

    /** The answer texts, best first. */
    public List<String> texts() {
        return answers.stream().map(RankedAnswer::text).toList();
    }
}
