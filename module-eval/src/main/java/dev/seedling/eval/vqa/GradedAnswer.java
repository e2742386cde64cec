package dev.seedling.eval.vqa;

import dev.seedling.data.vqa.VqaItem;
import java.util.Objects;

/**
 * One item's answer and its grade.
 *
 * @param item        the item
 * @param answer      the model's reply
 * @param grade       the judge's grade
 * @param parseFailed whether the grade is the fallback for unreadable judge output
 */
public record GradedAnswer(VqaItem item, String answer, Grade grade, boolean parseFailed) {
    public GradedAnswer {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(grade, "grade");
    }
}
