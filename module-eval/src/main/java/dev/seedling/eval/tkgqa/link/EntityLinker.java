package dev.seedling.eval.tkgqa.link;

import dev.seedling.data.tkg.TemporalKg;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Maps an entity mention to KG entities, trying in order: the exact name; the {@link NameNormaliser normalised}
 * name; the normalised name without its parenthesised qualifier; then the best fuzzy matches of the normalised
 * forms at or above a threshold. Among equally good names the entity in more facts wins, then the smaller name.
 * Entities are compared by their label where a text map gives one (CronQuestions ids), else by their name. When the
 * question carries gold entities, the mention is linked to the most similar of them, whatever the score (the
 * annotations bypass linking). Immutable after construction and thread-safe.
 */
public final class EntityLinker {
    private final TemporalKg kg;
    private final StringMatcher matcher;
    private final double threshold;
    private final String[] normalised;
    private final Map<String, List<Integer>> byNormalised = new HashMap<>();
    private final Map<String, List<Integer>> byUnqualified = new HashMap<>();

    /** A linker over {@code kg} by entity names, with Jaro-Winkler and threshold 0.85. */
    public EntityLinker(TemporalKg kg) {
        this(kg, Map.of(), new JaroWinkler(), 0.85);
    }

    /**
     * A linker comparing mentions with {@code entityText.get(name)} where given (e.g. {@code wd_id2entity_text}),
     * else the name, using {@code matcher} and accepting fuzzy scores from {@code threshold} up.
     */
    public EntityLinker(TemporalKg kg, Map<String, String> entityText, StringMatcher matcher, double threshold) {
        this.kg = Objects.requireNonNull(kg, "kg");
        this.matcher = Objects.requireNonNull(matcher, "matcher");
        this.threshold = threshold;
        normalised = new String[kg.entityCount()];
        for (int e = 0; e < normalised.length; e++) {
            String name = entityText.getOrDefault(kg.entityName(e), kg.entityName(e));
            normalised[e] = NameNormaliser.normalise(name);
            byNormalised.computeIfAbsent(normalised[e], k -> new ArrayList<>()).add(e);
            byUnqualified.computeIfAbsent(NameNormaliser.withoutQualifier(name), k -> new ArrayList<>()).add(e);
        }
    }

    /** The best entity for {@code mention}, or null when nothing reaches the threshold. */
    public Candidate link(String mention) {
        List<Candidate> c = candidates(mention, 1, List.of());
        return c.isEmpty() ? null : c.get(0);
    }

    /**
     * Up to {@code k} entities for {@code mention}, best first. When {@code preferred} (annotated entities of the
     * question) names entities of the KG, only those are considered, ranked by similarity without a threshold.
     */
    public List<Candidate> candidates(String mention, int k, Collection<String> preferred) {
        if (!preferred.isEmpty()) {
            List<Candidate> fromHints = new ArrayList<>();
            String m = NameNormaliser.normalise(mention);
            for (String p : preferred) {
                int id = kg.entityId(p);
                if (id >= 0) {
                    fromHints.add(new Candidate(p, p.equals(mention) ? 1.0 : matcher.similarity(m, normalised[id])));
                }
            }
            if (!fromHints.isEmpty()) {
                fromHints.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::name));
                return fromHints.subList(0, Math.min(k, fromHints.size()));
            }
        }
        if (kg.entityId(mention) >= 0) {
            return List.of(new Candidate(mention, 1.0));
        }
        String norm = NameNormaliser.normalise(mention);
        List<Integer> exact = byNormalised.get(norm);
        if (exact == null) {
            exact = byUnqualified.get(NameNormaliser.withoutQualifier(mention));
        }
        if (exact != null) {
            return exact.stream().sorted(byDegree()).limit(k).map(e -> new Candidate(kg.entityName(e), 1.0)).toList();
        }
        List<Integer> above = new ArrayList<>();
        double[] scores = new double[normalised.length];
        for (int e = 0; e < normalised.length; e++) {
            scores[e] = matcher.similarity(norm, normalised[e]);
            if (scores[e] >= threshold) {
                above.add(e);
            }
        }
        return above.stream()
                .sorted(Comparator.comparingDouble((Integer e) -> -scores[e]).thenComparing(byDegree()))
                .limit(k).map(e -> new Candidate(kg.entityName(e), scores[e])).toList();
    }

    private Comparator<Integer> byDegree() {
        return Comparator.comparingInt((Integer e) -> -(kg.countWithSubject(e) + kg.countWithObject(e)))
                .thenComparing(kg::entityName);
    }
}
