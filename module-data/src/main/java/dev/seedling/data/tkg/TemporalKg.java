package dev.seedling.data.tkg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable, in-memory temporal KG. Entities and relations are interned to dense ids and facts are numbered
 * {@code 0..size()-1} in insertion order; the graph is indexed by subject, object, (subject, relation),
 * (relation, object) and start time, so that every lookup costs its answer's size plus a binary search. The pair
 * indexes are each entity's facts sorted by relation, which builds far faster than a hash map of pairs.
 *
 * <p>Every method returning {@code int[]} returns a fresh array, in ascending fact-id order unless it says otherwise,
 * that the caller owns. Instances are thread-safe. Build one with {@link #of(Collection)} or a {@link Builder}.
 */
public final class TemporalKg {
    private final Interner entities;
    private final Interner relations;
    private final int[] subjects;
    private final int[] relationIds;
    private final int[] objects;
    private final TimeValue[] times;
    private final int[] startDays;
    private final int[] endDays;
    private final int[][] bySubject;
    private final int[][] byObject;
    private final int[][] bySubjectThenRelation;
    private final int[][] byObjectThenRelation;
    private final int[] byStart;

    private TemporalKg(Builder b) {
        entities = b.entities;
        relations = b.relations;
        int n = b.size;
        subjects = Arrays.copyOf(b.subjects, n);
        relationIds = Arrays.copyOf(b.relationIds, n);
        objects = Arrays.copyOf(b.objects, n);
        times = b.times.toArray(new TimeValue[0]);
        startDays = new int[n];
        endDays = new int[n];
        for (int f = 0; f < n; f++) {
            startDays[f] = times[f].startDay();
            endDays[f] = times[f].endDay();
        }
        bySubject = group(subjects, entities.size());
        byObject = group(objects, entities.size());
        bySubjectThenRelation = sortedByRelation(bySubject);
        byObjectThenRelation = sortedByRelation(byObject);
        byStart = sortedByStart(n);
    }

    /** A graph of {@code quads}, numbered in iteration order. */
    public static TemporalKg of(Collection<Quad> quads) {
        Builder b = builder();
        quads.forEach(b::add);
        return b.build();
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The number of facts. */
    public int size() {
        return subjects.length;
    }

    /** The number of distinct entities (subjects and objects). */
    public int entityCount() {
        return entities.size();
    }

    /** The number of distinct relations. */
    public int relationCount() {
        return relations.size();
    }

    /** The id of entity {@code name}, or -1 when the graph has no such entity. */
    public int entityId(String name) {
        return entities.idOf(name);
    }

    /** The name of entity {@code id}. */
    public String entityName(int id) {
        return entities.nameOf(id);
    }

    /** The id of relation {@code name}, or -1 when the graph has no such relation. */
    public int relationId(String name) {
        return relations.idOf(name);
    }

    /** The name of relation {@code id}. */
    public String relationName(int id) {
        return relations.nameOf(id);
    }

    /** All entity names, indexed by id; an unmodifiable view. */
    public List<String> entityNames() {
        return entities.names();
    }

    /** All relation names, indexed by id; an unmodifiable view. */
    public List<String> relationNames() {
        return relations.names();
    }

    /** The subject's entity id of fact {@code f}. */
    public int subject(int f) {
        return subjects[f];
    }

    /** The relation id of fact {@code f}. */
    public int relation(int f) {
        return relationIds[f];
    }

    /** The object's entity id of fact {@code f}. */
    public int object(int f) {
        return objects[f];
    }

    /** The time of fact {@code f}. */
    public TimeValue time(int f) {
        return times[f];
    }

    /** The first day of fact {@code f} ({@link TimeValue#startDay()}). */
    public int startDay(int f) {
        return startDays[f];
    }

    /** The last day of fact {@code f} ({@link TimeValue#endDay()}). */
    public int endDay(int f) {
        return endDays[f];
    }

    /** Fact {@code f} by name. */
    public Quad quad(int f) {
        return new Quad(entities.nameOf(subjects[f]), relations.nameOf(relationIds[f]), entities.nameOf(objects[f]),
                times[f]);
    }

    /** Facts whose subject is entity {@code e}. */
    public int[] factsWithSubject(int e) {
        return e < 0 || e >= bySubject.length ? new int[0] : bySubject[e].clone();
    }

    /** Facts whose object is entity {@code e}. */
    public int[] factsWithObject(int e) {
        return e < 0 || e >= byObject.length ? new int[0] : byObject[e].clone();
    }

    /** How many facts have subject {@code e}, without copying them. */
    public int countWithSubject(int e) {
        return e < 0 || e >= bySubject.length ? 0 : bySubject[e].length;
    }

    /** How many facts have object {@code e}, without copying them. */
    public int countWithObject(int e) {
        return e < 0 || e >= byObject.length ? 0 : byObject[e].length;
    }

    /** Facts {@code (subject, relation, ?, ?)}. */
    public int[] factsWithSubjectRelation(int subject, int relation) {
        return slice(bySubjectThenRelation, subject, relation);
    }

    /** Facts {@code (?, relation, object, ?)}. */
    public int[] factsWithRelationObject(int relation, int object) {
        return slice(byObjectThenRelation, object, relation);
    }

    /** How many facts {@link #factsWithSubjectRelation} would return, without copying them. */
    public int countWithSubjectRelation(int subject, int relation) {
        return count(bySubjectThenRelation, subject, relation);
    }

    /** How many facts {@link #factsWithRelationObject} would return, without copying them. */
    public int countWithRelationObject(int relation, int object) {
        return count(byObjectThenRelation, object, relation);
    }

    /** Facts whose start day lies in {@code [fromDay, toDay]}, ordered by start day, then fact id. */
    public int[] factsStartingBetween(int fromDay, int toDay) {
        int lo = firstStartAtLeast(fromDay);
        int hi = toDay == Integer.MAX_VALUE ? byStart.length : firstStartAtLeast(toDay + 1);
        return lo >= hi ? new int[0] : Arrays.copyOfRange(byStart, lo, hi);
    }

    private int firstStartAtLeast(int day) {
        int lo = 0;
        int hi = byStart.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (startDays[byStart[mid]] < day) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static final int[] EMPTY = new int[0];
    /** The facts of {@code entity} with {@code relation}: a binary search in its relation-sorted list. */
    private int[] slice(int[][] index, int entity, int relation) {
        if (entity < 0 || entity >= index.length || relation < 0) {
            return EMPTY;
        }
        int[] facts = index[entity];
        return Arrays.copyOfRange(facts, firstWithRelationAtLeast(facts, relation),
                firstWithRelationAtLeast(facts, relation + 1));
    }

    /** How many facts {@link #slice} would return, without copying. */
    private int count(int[][] index, int entity, int relation) {
        if (entity < 0 || entity >= index.length || relation < 0) {
            return 0;
        }
        int[] facts = index[entity];
        return firstWithRelationAtLeast(facts, relation + 1) - firstWithRelationAtLeast(facts, relation);
    }

    private int firstWithRelationAtLeast(int[] facts, int relation) {
        int lo = 0;
        int hi = facts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (relationIds[facts[mid]] < relation) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int[][] group(int[] keys, int keyCount) {
        int[] counts = new int[keyCount];
        for (int k : keys) {
            counts[k]++;
        }
        int[][] out = new int[keyCount][];
        for (int k = 0; k < keyCount; k++) {
            out[k] = new int[counts[k]];
        }
        int[] fill = new int[keyCount];
        for (int f = 0; f < keys.length; f++) {
            out[keys[f]][fill[keys[f]]++] = f;
        }
        return out;
    }

    /** Each entity's facts ordered by (relation, fact id), so that (entity, relation) is a binary search. */
    private int[][] sortedByRelation(int[][] byEntity) {
        int[][] out = new int[byEntity.length][];
        for (int e = 0; e < byEntity.length; e++) {
            int[] facts = byEntity[e];
            long[] packed = new long[facts.length];
            for (int i = 0; i < facts.length; i++) {
                packed[i] = ((long) relationIds[facts[i]] << 32) | facts[i];
            }
            Arrays.sort(packed);
            int[] sorted = new int[facts.length];
            for (int i = 0; i < facts.length; i++) {
                sorted[i] = (int) packed[i];
            }
            out[e] = sorted;
        }
        return out;
    }

    private int[] sortedByStart(int n) {
        long[] packed = new long[n];
        for (int f = 0; f < n; f++) {
            // start day in the high word, fact id in the low word: one primitive sort orders by (start, id)
            packed[f] = ((long) startDays[f] << 32) | f;
        }
        Arrays.sort(packed);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = (int) packed[i];
        }
        return out;
    }

    /** Collects facts, interning names as they come; not thread-safe, and spent by {@link #build()}. */
    public static final class Builder {
        private final Interner entities = new Interner();
        private final Interner relations = new Interner();
        private int[] subjects = new int[1024];
        private int[] relationIds = new int[1024];
        private int[] objects = new int[1024];
        private final List<TimeValue> times = new ArrayList<>();
        private int size;
        private boolean built;

        private Builder() {
        }

        /** Adds one fact; duplicates are kept (the KG files contain none, and dropping them would renumber facts). */
        public Builder add(Quad q) {
            return add(q.subject(), q.relation(), q.object(), q.time());
        }

        /** Adds one fact. */
        public Builder add(String subject, String relation, String object, TimeValue time) {
            if (built) {
                throw new IllegalStateException("this builder has already built its graph");
            }
            Objects.requireNonNull(time, "time");
            if (size == subjects.length) {
                int cap = size * 2;
                subjects = Arrays.copyOf(subjects, cap);
                relationIds = Arrays.copyOf(relationIds, cap);
                objects = Arrays.copyOf(objects, cap);
            }
            subjects[size] = entities.intern(subject);
            relationIds[size] = relations.intern(relation);
            objects[size] = entities.intern(object);
            times.add(time);
            size++;
            return this;
        }

        /** The graph of all facts added so far. */
        public TemporalKg build() {
            built = true;
            return new TemporalKg(this);
        }
    }

    /** Dense ids for names, in first-seen order. */
    private static final class Interner {
        private final Map<String, Integer> ids = new HashMap<>();
        private final List<String> names = new ArrayList<>();

        int intern(String name) {
            Objects.requireNonNull(name, "name");
            Integer id = ids.get(name);
            if (id == null) {
                id = names.size();
                ids.put(name, id);
                names.add(name);
            }
            return id;
        }

        int idOf(String name) {
            return ids.getOrDefault(name, -1);
        }

        String nameOf(int id) {
            return names.get(id);
        }

        int size() {
            return names.size();
        }

        List<String> names() {
            return Collections.unmodifiableList(names);
        }
    }
}
