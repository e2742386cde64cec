package dev.seedling.eval.ie.data;

import dev.seedling.eval.ie.AnnotatedSentence;
import dev.seedling.eval.ie.Annotations;
import dev.seedling.eval.ie.EntityMention;

import java.util.List;
import java.util.Objects;

/**
 * A ParallelNER-style record: a sentence, its translation and the entities of both (our record layout; the release
 * schema was not published).
 *
 * @param id          unique within the set
 * @param source      where the source sentence came from, e.g. {@code wikineural} or {@code cluener2020}
 * @param srcLang     the source language tag
 * @param tgtLang     the target language tag
 * @param srcSentence the source sentence
 * @param tgtSentence its translation
 * @param srcEntities the source entities
 * @param tgtEntities the target entities, index-aligned with the source ones when built by
 *                    {@link ParallelDataBuilder}
 */
public record ParallelRecord(String id, String source, String srcLang, String tgtLang, String srcSentence,
                             String tgtSentence, List<EntityMention> srcEntities, List<EntityMention> tgtEntities) {
    public ParallelRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(srcLang, "srcLang");
        Objects.requireNonNull(tgtLang, "tgtLang");
        Objects.requireNonNull(srcSentence, "srcSentence");
        Objects.requireNonNull(tgtSentence, "tgtSentence");
        srcEntities = List.copyOf(srcEntities);
        tgtEntities = List.copyOf(tgtEntities);
    }

    /** The target entities whose span is empty or not a substring of the target sentence. */
    public List<EntityMention> unalignedTargetEntities() {
        return tgtEntities.stream().filter(e -> e.span().isEmpty() || !tgtSentence.contains(e.span())).toList();
    }

    /** Whether every target span is a non-empty substring of the target sentence. */
    public boolean aligned() {
        return unalignedTargetEntities().isEmpty();
    }

    /**
     * This record, after checking the invariant.
     *
     * @throws IeDataException naming the record and the first target span that is not in the target sentence
     */
    public ParallelRecord requireAligned() {
        List<EntityMention> bad = unalignedTargetEntities();
        if (!bad.isEmpty()) {
            throw new IeDataException("parallel record " + id + ": target span '" + bad.get(0).span()
                    + "' is not a substring of the target sentence '" + tgtSentence + "'");
        }
        return this;
    }

    /** The source side as an NER item with id {@code <id>/src}. */
    public AnnotatedSentence sourceSide() {
        return new AnnotatedSentence(id + "/src", srcLang, srcSentence, Annotations.ofEntities(srcEntities));
    }

    /** The target side as an NER item with id {@code <id>/tgt}. */
    public AnnotatedSentence targetSide() {
        return new AnnotatedSentence(id + "/tgt", tgtLang, tgtSentence, Annotations.ofEntities(tgtEntities));
    }
}
