package dev.seedling.eval.vqa;

import dev.seedling.data.vqa.VqaLanguage;

/** Which judge prompt grades which item. */
public enum JudgeChoice {
    /** The SimpleVQA Chinese JSON grader for every item, as the official evaluation does. */
    SIMPLEVQA_CN_JSON,
    /** The SimpleQA English letter grader for every item. */
    SIMPLEQA_EN_LETTER,
    /** The Chinese JSON grader for CN items and the SimpleQA letter grader for EN items. */
    BY_LANGUAGE;

    /** The prompt for an item of {@code language}. */
    public JudgePrompt promptFor(VqaLanguage language) {
        return switch (this) {
            case SIMPLEVQA_CN_JSON -> JudgePrompt.SIMPLEVQA_CN_JSON_MULTI;
            case SIMPLEQA_EN_LETTER -> JudgePrompt.SIMPLEQA_EN_LETTER;
            case BY_LANGUAGE -> language == VqaLanguage.CN ? JudgePrompt.SIMPLEVQA_CN_JSON_MULTI
                    : JudgePrompt.SIMPLEQA_EN_LETTER;
        };
    }
}
