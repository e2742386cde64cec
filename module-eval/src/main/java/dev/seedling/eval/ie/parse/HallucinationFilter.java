package dev.seedling.eval.ie.parse;

import dev.seedling.eval.ie.Annotations;
import dev.seedling.eval.ie.EntityMention;
import dev.seedling.eval.ie.EventArgument;
import dev.seedling.eval.ie.EventMention;
import dev.seedling.eval.ie.RelationMention;
import dev.seedling.eval.ie.schema.ClassDef;
import dev.seedling.eval.ie.schema.ClassKind;
import dev.seedling.eval.ie.schema.SchemaRegistry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * Removes what a model made up, in the manner of KnowCoder's {@code filter_outlier} and GoLLIE's
 * {@code filter_hallucinations}, and canonicalises types through the schema's multilingual labels:
 * <ol>
 *   <li>a mention whose class does not resolve to a schema class of the right kind (entity, relation, event) is
 *       dropped; relation arguments keep their written type when it resolves to no entity class ({@code Entity});</li>
 *   <li>a mention whose span, trigger, head or tail is empty or not a substring of the sentence is dropped; so is an
 *       event argument with such a span, or with a role its event class (and ancestors) does not declare;</li>
 *   <li>identical mentions beyond the number of non-overlapping occurrences of their span in the sentence are dropped
 *       (for a relation the smaller count of head and tail; for an event its trigger's); the same holds for identical
 *       arguments within one event.</li>
 * </ol>
 * Substring tests are exact by default; case-insensitive matching (GoLLIE's) is a constructor option. Immutable and
 * thread-safe.
 */
public final class HallucinationFilter {
    private final SchemaRegistry schema;
    private final boolean caseSensitive;

    /** A filter for one schema; {@code caseSensitive} false folds case (ROOT locale) in the substring tests. */
    public HallucinationFilter(SchemaRegistry schema, boolean caseSensitive) {
        this.schema = schema;
        this.caseSensitive = caseSensitive;
    }

    /** An exact-substring filter. */
    public HallucinationFilter(SchemaRegistry schema) {
        this(schema, true);
    }

    /** Filters the mentions predicted for {@code sentence}: types, spans, roles and repeats. */
    public FilterResult filter(String sentence, Annotations predicted) {
        return run(fold(sentence), predicted);
    }

    /**
     * Only the schema checks: drops types outside the schema and undeclared roles, canonicalises the rest, keeps
     * spans not in the sentence and repeats (for scoring without the filter).
     */
    public FilterResult filterTypesOnly(Annotations predicted) {
        return run(null, predicted);
    }

    /** Filters with the folded sentence {@code text}, or only against the schema when it is null. */
    private FilterResult run(String text, Annotations predicted) {
        boolean spans = text != null;
        Counter n = new Counter();
        List<EntityMention> entities = new ArrayList<>();
        for (EntityMention e : predicted.entities()) {
            Optional<ClassDef> c = schema.resolve(e.type(), ClassKind.ENTITY);
            if (c.isEmpty()) {
                n.type++;
            } else if (spans && !contains(text, e.span())) {
                n.span++;
            } else {
                entities.add(new EntityMention(c.get().name(), e.span()));
            }
        }
        List<RelationMention> relations = new ArrayList<>();
        for (RelationMention r : predicted.relations()) {
            Optional<ClassDef> c = schema.resolve(r.type(), ClassKind.RELATION);
            if (c.isEmpty()) {
                n.type++;
            } else if (spans && (!contains(text, r.head().span()) || !contains(text, r.tail().span()))) {
                n.span++;
            } else {
                relations.add(new RelationMention(c.get().name(), argumentType(r.head()), argumentType(r.tail())));
            }
        }
        List<EventMention> events = new ArrayList<>();
        for (EventMention e : predicted.events()) {
            Optional<ClassDef> c = schema.resolve(e.type(), ClassKind.EVENT);
            if (c.isEmpty()) {
                n.type++;
            } else if (spans && !contains(text, e.trigger())) {
                n.span++;
            } else {
                events.add(new EventMention(c.get().name(), e.trigger(), arguments(c.get(), e, text, n)));
            }
        }
        if (text == null) {
            return new FilterResult(new Annotations(entities, relations, events),
                    new FilterCounts(n.span, n.type, n.role, n.repeat));
        }
        entities = capRepeats(entities, e -> occurrences(text, e.span()), n);
        relations = capRepeats(relations,
                r -> Math.min(occurrences(text, r.head().span()), occurrences(text, r.tail().span())), n);
        events = capRepeats(events, e -> occurrences(text, e.trigger()), n);
        return new FilterResult(new Annotations(entities, relations, events),
                new FilterCounts(n.span, n.type, n.role, n.repeat));
    }

    private List<EventArgument> arguments(ClassDef event, EventMention e, String text, Counter n) {
        List<String> roles = schema.roles(event);
        List<EventArgument> kept = new ArrayList<>();
        for (EventArgument a : e.arguments()) {
            if (!roles.contains(a.role())) {
                n.role++;
            } else if (text != null && !contains(text, a.span())) {
                n.span++;
            } else {
                kept.add(a);
            }
        }
        return text == null ? kept : capRepeats(kept, a -> occurrences(text, a.span()), n);
    }

    private EntityMention argumentType(EntityMention arg) {
        return schema.resolve(arg.type(), ClassKind.ENTITY).map(c -> new EntityMention(c.name(), arg.span()))
                .orElse(arg);
    }

    private <T> List<T> capRepeats(List<T> items, ToIntFunction<T> allowed, Counter n) {
        Map<T, Integer> seen = new HashMap<>();
        List<T> out = new ArrayList<>();
        for (T t : items) {
            int count = seen.merge(t, 1, Integer::sum);
            if (count <= allowed.applyAsInt(t)) {
                out.add(t);
            } else {
                n.repeat++;
            }
        }
        return out;
    }

    private boolean contains(String foldedText, String span) {
        return !span.isEmpty() && foldedText.contains(fold(span));
    }

    /** Non-overlapping occurrences, as Python's {@code str.count}. */
    private int occurrences(String foldedText, String span) {
        String s = fold(span);
        int count = 0;
        for (int i = foldedText.indexOf(s); i >= 0 && !s.isEmpty(); i = foldedText.indexOf(s, i + s.length())) {
            count++;
        }
        return count;
    }

    private String fold(String s) {
        return caseSensitive ? s : s.toLowerCase(Locale.ROOT);
    }

    /** Removal tallies of one call. */
    private static final class Counter {
        int span;
        int type;
        int role;
        int repeat;
    }
}
