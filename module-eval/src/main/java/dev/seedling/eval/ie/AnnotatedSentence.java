package dev.seedling.eval.ie;

import java.util.Objects;

/**
 * A sentence with its gold mentions: one evaluation item.
 *
 * @param id          unique within its data set; results files are keyed by it
 * @param lang        a BCP 47 language tag such as {@code en} or {@code zh}, or {@code und} when unknown
 * @param text        the sentence
 * @param annotations the gold mentions
 */
public record AnnotatedSentence(String id, String lang, String text, Annotations annotations) {
    public AnnotatedSentence {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(lang, "lang");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(annotations, "annotations");
    }
}
