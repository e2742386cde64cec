package dev.seedling.data.vqa;

import java.util.Objects;

/**
 * One SimpleVQA item: an image, a question whose answer is a short, static, single entity, and the metadata the
 * paper's breakdowns and probes use.
 *
 * @param id               {@code data_id}, as a string (the release uses integers)
 * @param language         CN or EN
 * @param question         the question about the image
 * @param answer           the gold answer
 * @param atomicQuestion   the atomic (purely visual) sub-question, or null when the item has none
 * @param atomicFact       the gold answer of the atomic question, or null
 * @param category         raw and resolved task/topic labels
 * @param originalCategory the {@code original_category} column (e.g. {@code 中华文化_中医}), or null
 * @param source           the {@code source} column (a URL or seed set name), or null; never fetched
 * @param image            the image
 */
public record VqaItem(
        String id,
        VqaLanguage language,
        String question,
        String answer,
        String atomicQuestion,
        String atomicFact,
        VqaCategory category,
        String originalCategory,
        String source,
        VqaImage image) {

    public VqaItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(image, "image");
    }

    /**
     * Whether the item takes part in the atomic-question probe: it has an atomic question and fact, and the atomic
     * question differs from the question.
     */
    public boolean hasAtomicProbe() {
        return atomicQuestion != null && atomicFact != null && !atomicQuestion.isBlank() && !atomicFact.isBlank()
                && !atomicQuestion.strip().equals(question.strip());
    }
}
