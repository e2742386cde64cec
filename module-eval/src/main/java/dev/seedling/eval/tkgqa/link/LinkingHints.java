package dev.seedling.eval.tkgqa.link;

import dev.seedling.data.tkg.TkgQuestion;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Gold annotations a question may carry. On CronQuestions they bypass linking (as in the paper); for MultiTQ the
 * pipeline passes {@link #NONE} unless told otherwise.
 *
 * @param entities annotated entity names or ids
 * @param relations annotated relation names or ids
 */
public record LinkingHints(List<String> entities, List<String> relations) {
    /** No annotations: link from text alone. */
    public static final LinkingHints NONE = new LinkingHints(List.of(), List.of());

    public LinkingHints {
        entities = List.copyOf(entities);
        relations = List.copyOf(relations);
    }

    /** The question's annotated entities ({@code entities} and the {@code annotation} head and tail) and relations. */
    public static LinkingHints of(TkgQuestion q) {
        Set<String> es = new LinkedHashSet<>(q.entities());
        for (String key : List.of("head", "tail")) {
            if (q.annotation().containsKey(key)) {
                es.add(q.annotation().get(key));
            }
        }
        return new LinkingHints(List.copyOf(es), q.relations());
    }
}
