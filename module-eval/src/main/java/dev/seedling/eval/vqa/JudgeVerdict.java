package dev.seedling.eval.vqa;

import java.util.Objects;

/**
 * A judge's grade with the raw output it was read from.
 *
 * @param grade    the grade and whether reading it failed
 * @param output   the judge's raw output, kept in the results file
 * @param promptId the judge prompt used
 */
public record JudgeVerdict(ParsedGrade grade, String output, String promptId) {
    public JudgeVerdict {
        Objects.requireNonNull(grade, "grade");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(promptId, "promptId");
    }
}
