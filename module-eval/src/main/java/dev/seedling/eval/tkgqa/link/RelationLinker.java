package dev.seedling.eval.tkgqa.link;

import dev.seedling.data.tkg.TemporalKg;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Ranks KG relations for a drafted relation phrase by embedding cosine. The phrase is first reduced to its skeleton
 * (the entity mentions of the program removed); the candidates are the relations of the (entity, relation) pairs the
 * KG holds for the linked entity on the requested side, which is the spec's "split each triple into two (entity,
 * relation) pairs" with the entity fixed; without a linked entity every relation is a candidate. Relation vectors
 * are computed once. Thread-safe.
 */
public final class RelationLinker {
    private final TemporalKg kg;
    private final Embedder embedder;
    private final float[][] relationVectors;

    /**
     * A linker embedding each relation's text: {@code relationText.get(name)} where given (CronQuestions ids map to
     * labels), else the name itself.
     */
    public RelationLinker(TemporalKg kg, Embedder embedder, Map<String, String> relationText) {
        this.kg = Objects.requireNonNull(kg, "kg");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        List<String> texts = new ArrayList<>();
        for (int r = 0; r < kg.relationCount(); r++) {
            String name = kg.relationName(r);
            texts.add(relationText.getOrDefault(name, name));
        }
        relationVectors = embedder.embedAll(texts);
    }

    /** A linker with the default TF-IDF embedder fitted on the relation texts. */
    public static RelationLinker withDefaultEmbedder(TemporalKg kg, Map<String, String> relationText) {
        List<String> corpus = kg.relationNames().stream().map(r -> relationText.getOrDefault(r, r)).toList();
        return new RelationLinker(kg, new CharNgramTfidfEmbedder(corpus), relationText);
    }

    /**
     * Up to {@code k} relations for {@code phrase}, best first.
     *
     * @param entity    the linked entity the relation starts from, or -1 when unknown
     * @param backward  whether the entity is the object (true) or the subject (false) of the facts
     * @param mentions  entity mentions of the program, removed from the phrase to form its skeleton
     * @param preferred gold relations of the question; when non-empty, only these are ranked
     */
    public List<Candidate> candidates(String phrase, int entity, boolean backward, Collection<String> mentions,
                                      Collection<String> preferred, int k) {
        if (kg.relationId(phrase) >= 0 && (preferred.isEmpty() || preferred.contains(phrase))) {
            List<Candidate> out = new ArrayList<>(List.of(new Candidate(phrase, 1.0)));
            out.addAll(rank(phrase, entity, backward, mentions, preferred, k + 1).stream()
                    .filter(c -> !c.name().equals(phrase)).limit(k - 1L).toList());
            return out;
        }
        return rank(phrase, entity, backward, mentions, preferred, k);
    }

    private List<Candidate> rank(String phrase, int entity, boolean backward, Collection<String> mentions,
                                 Collection<String> preferred, int k) {
        float[] q = embedder.embed(skeleton(phrase, mentions));
        List<Candidate> out = new ArrayList<>();
        for (int r : candidateRelations(entity, backward, preferred)) {
            out.add(new Candidate(kg.relationName(r), Embedder.cosine(q, relationVectors[r])));
        }
        out.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::name));
        return out.subList(0, Math.min(k, out.size()));
    }

    private Collection<Integer> candidateRelations(int entity, boolean backward, Collection<String> preferred) {
        TreeSet<Integer> rs = new TreeSet<>();
        if (!preferred.isEmpty()) {
            preferred.stream().mapToInt(kg::relationId).filter(r -> r >= 0).forEach(rs::add);
            return rs;
        }
        if (entity >= 0) {
            for (int f : backward ? kg.factsWithObject(entity) : kg.factsWithSubject(entity)) {
                rs.add(kg.relation(f));
            }
        }
        if (rs.isEmpty()) {
            for (int r = 0; r < kg.relationCount(); r++) {
                rs.add(r);
            }
        }
        return rs;
    }

    /** The phrase with every mention removed (case-insensitively, underscores as spaces), normalised. */
    static String skeleton(String phrase, Collection<String> mentions) {
        String s = " " + NameNormaliser.normalise(phrase) + " ";
        for (String m : mentions) {
            String nm = NameNormaliser.normalise(m);
            if (!nm.isEmpty()) {
                s = s.replace(" " + nm + " ", " ");
            }
        }
        String out = s.strip();
        return out.isEmpty() ? NameNormaliser.normalise(phrase) : out;
    }
}
