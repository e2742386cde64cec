package dev.seedling.eval.vqa;

import dev.seedling.data.vqa.VqaItem;
import dev.seedling.data.vqa.VqaLanguage;

/**
 * The paper's atomic-question (CFQ) probe, which splits a model's failures into visual and knowledge errors:
 * <pre>
 * if   judge(aq, atomic_fact, model(img, aq))          != CORRECT -> VISUAL
 * elif judge(q, answer, model(img, q + hint(atomic_fact))) != CORRECT -> KNOWLEDGE
 * else NONE
 * </pre>
 * The paper does not give the hint's wording; ours states the atomic question's answer. Stateless.
 */
public final class AtomicProbe {
    /** The probe's verdict on one item. */
    public enum Outcome {
        /** The model cannot answer the atomic (recognition) question. */
        VISUAL,
        /** It recognises the entity but cannot answer the question even when told it. */
        KNOWLEDGE,
        /** It answers both. */
        NONE
    }

    private AtomicProbe() {
    }

    /** The question with the atomic fact as a hint, in the item's language. */
    public static String hintedQuestion(VqaItem item) {
        return item.language() == VqaLanguage.CN
                ? item.question() + "（提示：“" + item.atomicQuestion() + "”的答案是“" + item.atomicFact() + "”。）"
                : item.question() + " (Hint: the answer to \"" + item.atomicQuestion() + "\" is \""
                        + item.atomicFact() + "\".)";
    }

    /**
     * The verdict from the atomic grade and, when the atomic question was answered correctly, the hinted grade.
     *
     * @throws IllegalArgumentException when the atomic grade is CORRECT but no hinted grade is given
     */
    public static Outcome classify(Grade atomic, Grade hinted) {
        if (atomic != Grade.CORRECT) {
            return Outcome.VISUAL;
        }
        if (hinted == null) {
            throw new IllegalArgumentException("the atomic question was answered; the hinted grade is needed");
        }
        return hinted == Grade.CORRECT ? Outcome.NONE : Outcome.KNOWLEDGE;
    }
}
