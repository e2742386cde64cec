package dev.seedling.eval.vqa;

import dev.seedling.data.vqa.VqaLanguage;

/**
 * Grades a predicted answer against the gold answer of a question. Implementations must be thread-safe.
 *
 * @see ChatJudge the judge backed by a chat model and the SimpleQA/SimpleVQA grader prompts
 */
public interface Judge {
    /** A short name for reports and run manifests. */
    String name();

    /**
     * Grades {@code prediction}.
     *
     * @param language the item's language (a judge may pick its prompt by it)
     * @throws dev.seedling.eval.chat.ChatModelException when the judge model cannot answer
     */
    JudgeVerdict grade(String question, String gold, String prediction, VqaLanguage language);
}
