package dev.seedling.eval.ie.schema;

import dev.seedling.eval.ie.Annotations;
import dev.seedling.eval.ie.EntityMention;
import dev.seedling.eval.ie.EventMention;
import dev.seedling.eval.ie.RelationMention;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A validated extraction schema: its classes in declaration order, and the multilingual label index that maps every
 * label of a class (its name, its labels in other languages, and their normalised forms) to the class.
 *
 * <p>Lookup tries the exact label first, then a normalised form (lower case, without {@code _}, {@code -} and
 * spaces), as KnowCoder's {@code norm_name} does, so {@code located_in} finds {@code LocatedIn}. Immutable and
 * thread-safe.
 */
public final class SchemaRegistry {
    private static final Set<String> BASE_NAMES = Set.of("Entity", "Relation", "Event");

    private final Map<String, ClassDef> byName;
    private final Map<String, ClassDef> byLabel;
    private final Map<String, ClassDef> byNormalisedLabel;

    private SchemaRegistry(Map<String, ClassDef> byName, Map<String, ClassDef> byLabel,
                           Map<String, ClassDef> byNormalisedLabel) {
        this.byName = byName;
        this.byLabel = byLabel;
        this.byNormalisedLabel = byNormalisedLabel;
    }

    /**
     * Validates the classes and builds the label index.
     *
     * @throws SchemaException when a name repeats or is a base class name, a parent is unknown, of another kind or
     *                         cyclic, a relation's head or tail type is not an entity class, or one label (after
     *                         normalisation) would resolve to two classes
     */
    public static SchemaRegistry of(Collection<ClassDef> classes) {
        Map<String, ClassDef> byName = new LinkedHashMap<>();
        for (ClassDef c : classes) {
            if (BASE_NAMES.contains(c.name())) {
                throw new SchemaException("class name " + c.name() + " is reserved for a base class");
            }
            if (byName.putIfAbsent(c.name(), c) != null) {
                throw new SchemaException("class " + c.name() + " is declared twice");
            }
        }
        for (ClassDef c : byName.values()) {
            checkParentChain(c, byName);
            for (String t : concat(c.headTypes(), c.tailTypes())) {
                ClassDef arg = byName.get(t);
                if (arg == null || arg.kind() != ClassKind.ENTITY) {
                    throw new SchemaException("relation " + c.name() + ": argument type " + t
                            + " is not an entity class of the schema");
                }
            }
        }
        Map<String, ClassDef> byLabel = new HashMap<>();
        Map<String, ClassDef> byNorm = new HashMap<>();
        for (ClassDef c : byName.values()) {
            for (String label : concat(List.of(c.name()), c.labels())) {
                index(byLabel, label, c);
                index(byNorm, normalise(label), c);
            }
        }
        return new SchemaRegistry(byName, byLabel, byNorm);
    }

    private static void checkParentChain(ClassDef c, Map<String, ClassDef> byName) {
        Set<String> seen = new HashSet<>();
        ClassDef cur = c;
        while (cur.parent() != null && !cur.parent().equals(cur.kind().baseClass())) {
            if (!seen.add(cur.name())) {
                throw new SchemaException("class " + c.name() + " has a cyclic parent chain through " + cur.name());
            }
            ClassDef p = byName.get(cur.parent());
            if (p == null) {
                throw new SchemaException("class " + cur.name() + ": parent " + cur.parent() + " is not declared");
            }
            if (p.kind() != cur.kind()) {
                throw new SchemaException("class " + cur.name() + " (kind " + cur.kind().id() + ") has parent "
                        + p.name() + " of kind " + p.kind().id());
            }
            cur = p;
        }
    }

    private static void index(Map<String, ClassDef> map, String key, ClassDef c) {
        ClassDef prior = map.putIfAbsent(key, c);
        if (prior != null && prior != c) {
            throw new SchemaException("label '" + key + "' resolves to both " + prior.name() + " and " + c.name());
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** The normal form used for the second lookup: lower case, with {@code _}, {@code -} and whitespace removed. */
    public static String normalise(String label) {
        return label.strip().toLowerCase(Locale.ROOT).replaceAll("[_\\-\\s]", "");
    }

    /** All classes in declaration order. */
    public List<ClassDef> classes() {
        return List.copyOf(byName.values());
    }

    /** The classes of one kind, in declaration order. */
    public List<ClassDef> classes(ClassKind kind) {
        return byName.values().stream().filter(c -> c.kind() == kind).toList();
    }

    /** The class with this canonical name, if any (labels are not consulted). */
    public Optional<ClassDef> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The class a label in any language denotes: exact label first, then its normalised form. */
    public Optional<ClassDef> resolve(String label) {
        ClassDef c = byLabel.get(label);
        if (c == null) {
            c = byNormalisedLabel.get(normalise(label));
        }
        return Optional.ofNullable(c);
    }

    /** As {@link #resolve(String)}, but only a class of the given kind counts. */
    public Optional<ClassDef> resolve(String label, ClassKind kind) {
        return resolve(label).filter(c -> c.kind() == kind);
    }

    /**
     * The canonical name of a label, or the label unchanged when no class claims it (so unknown gold types stay
     * visible in reports rather than vanishing).
     */
    public String canonical(String label) {
        return resolve(label).map(ClassDef::name).orElse(label);
    }

    /**
     * Mentions with every type label replaced by its canonical class name where one resolves (entity, relation and
     * event types, and relation argument types), so gold written as 人物 scores against predictions of Person.
     */
    public Annotations canonicalise(Annotations a) {
        return new Annotations(
                a.entities().stream().map(this::canonicalise).toList(),
                a.relations().stream().map(r -> new RelationMention(canonical(r.type()), canonicalise(r.head()),
                        canonicalise(r.tail()))).toList(),
                a.events().stream().map(e -> new EventMention(canonical(e.type()), e.trigger(), e.arguments()))
                        .toList());
    }

    private EntityMention canonicalise(EntityMention e) {
        return new EntityMention(canonical(e.type()), e.span());
    }

    /** The class and its ancestors within the schema, root first. */
    public List<ClassDef> lineage(ClassDef c) {
        List<ClassDef> chain = new ArrayList<>();
        for (ClassDef cur = c; cur != null; cur = cur.parent() == null ? null : byName.get(cur.parent())) {
            chain.add(0, cur);
        }
        return chain;
    }

    /** An event's roles: those of its ancestors first, then its own, each once; empty for other kinds. */
    public List<String> roles(ClassDef c) {
        Set<String> roles = new LinkedHashSet<>();
        lineage(c).forEach(a -> roles.addAll(a.roles()));
        return List.copyOf(roles);
    }

    /**
     * The classes to render for a set of classes: each with its ancestors, and for relations their head and tail
     * entity classes, in schema declaration order with every parent before its children.
     */
    public List<ClassDef> closure(Collection<ClassDef> roots) {
        Set<String> wanted = new LinkedHashSet<>();
        for (ClassDef r : roots) {
            lineage(r).forEach(c -> wanted.add(c.name()));
            for (String t : concat(r.headTypes(), r.tailTypes())) {
                lineage(byName.get(t)).forEach(c -> wanted.add(c.name()));
            }
        }
        List<ClassDef> out = new ArrayList<>();
        Set<String> emitted = new HashSet<>();
        for (ClassDef c : byName.values()) {
            if (wanted.contains(c.name())) {
                emitParentsFirst(c, emitted, out);
            }
        }
        return out;
    }

    private void emitParentsFirst(ClassDef c, Set<String> emitted, List<ClassDef> out) {
        if (emitted.contains(c.name())) {
            return;
        }
        if (c.parent() != null && byName.containsKey(c.parent())) {
            emitParentsFirst(byName.get(c.parent()), emitted, out);
        }
        emitted.add(c.name());
        out.add(c);
    }
}
