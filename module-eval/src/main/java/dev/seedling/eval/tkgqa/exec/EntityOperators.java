package dev.seedling.eval.tkgqa.exec;

import dev.seedling.data.tkg.TemporalKg;
import dev.seedling.eval.tkgqa.exec.Value.EntitySet;
import dev.seedling.eval.tkgqa.exec.Value.FactSet;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Find, Relate (both directions), FilterEntity, And, Or and What. Stateless. */
final class EntityOperators {
    private EntityOperators() {
    }

    /** Find: the entity of that exact name, or nothing (linking has already mapped text to KG names). */
    static EntitySet find(ExecutionContext c, String name) {
        int id = c.kg.entityId(name);
        return id < 0 ? EntitySet.EMPTY : new EntitySet(new int[]{id}, new int[]{1}, new int[]{Integer.MIN_VALUE});
    }

    /** Relate forward matches (e, r, ?o, t) with focus o; backward matches (?s, r, e, t) with focus s. */
    static FactSet relate(ExecutionContext c, Value from, String relation, String direction) {
        int[] entities = entities(c.kg, from).ids();
        int r = c.kg.relationId(relation);
        boolean backward = direction != null && direction.toLowerCase(Locale.ROOT).equals("backward");
        if (r < 0) {
            return new FactSet(new int[0], new int[0]);
        }
        long total = 0;
        for (int e : entities) {
            total += backward ? c.kg.countWithRelationObject(r, e) : c.kg.countWithSubjectRelation(e, r);
        }
        c.checkSize(total);
        int[] facts = new int[(int) total];
        int[] focus = new int[(int) total];
        int n = 0;
        for (int i = 0; i < entities.length; i++) {
            c.tick();
            int e = entities[i];
            int[] fs = backward ? c.kg.factsWithRelationObject(r, e) : c.kg.factsWithSubjectRelation(e, r);
            for (int f : fs) {
                facts[n] = f;
                focus[n++] = backward ? c.kg.subject(f) : c.kg.object(f);
            }
        }
        return new FactSet(facts, focus);
    }

    /** FilterEntity: facts whose focus is the entity, or the entity itself if it is in the set. */
    static Value filterEntity(ExecutionContext c, Value in, String name) {
        int id = c.kg.entityId(name);
        if (in instanceof FactSet fs) {
            boolean[] keep = new boolean[fs.size()];
            for (int i = 0; i < keep.length; i++) {
                keep[i] = fs.focus()[i] == id;
            }
            return fs.select(keep);
        }
        EntitySet es = (EntitySet) in;
        for (int i = 0; i < es.size(); i++) {
            if (es.ids()[i] == id) {
                return new EntitySet(new int[]{id}, new int[]{es.support()[i]}, new int[]{es.latest()[i]});
            }
        }
        return EntitySet.EMPTY;
    }

    /** And: entities in both, with support added and recency the later. */
    static EntitySet and(ExecutionContext c, Value a, Value b) {
        return combine(entities(c.kg, a), entities(c.kg, b), true);
    }

    /** Or: entities in either, with support added and recency the later. */
    static EntitySet or(ExecutionContext c, Value a, Value b) {
        return combine(entities(c.kg, a), entities(c.kg, b), false);
    }

    /** What: the focus entities of facts, counting each fact as one unit of support. */
    static EntitySet what(ExecutionContext c, Value in) {
        return entities(c.kg, in);
    }

    /** A value as entities: an entity set as is; a fact set as its focus entities with support and recency. */
    static EntitySet entities(TemporalKg kg, Value v) {
        if (v instanceof EntitySet es) {
            return es;
        }
        FactSet fs = (FactSet) v;
        Map<Integer, int[]> acc = new LinkedHashMap<>();
        for (int i = 0; i < fs.size(); i++) {
            int start = kg.startDay(fs.facts()[i]);
            int[] a = acc.computeIfAbsent(fs.focus()[i], k -> new int[]{0, Integer.MIN_VALUE});
            a[0]++;
            a[1] = Math.max(a[1], start);
        }
        return fromMap(acc);
    }

    private static EntitySet combine(EntitySet a, EntitySet b, boolean intersect) {
        Map<Integer, int[]> inB = new LinkedHashMap<>();
        for (int i = 0; i < b.size(); i++) {
            inB.put(b.ids()[i], new int[]{b.support()[i], b.latest()[i]});
        }
        Map<Integer, int[]> out = new LinkedHashMap<>();
        for (int i = 0; i < a.size(); i++) {
            int[] other = inB.get(a.ids()[i]);
            if (other != null || !intersect) {
                int[] ev = {a.support()[i], a.latest()[i]};
                if (other != null) {
                    ev[0] += other[0];
                    ev[1] = Math.max(ev[1], other[1]);
                }
                out.put(a.ids()[i], ev);
            }
        }
        if (!intersect) {
            inB.forEach(out::putIfAbsent);
        }
        return fromMap(out);
    }

    private static EntitySet fromMap(Map<Integer, int[]> m) {
        int[] ids = new int[m.size()];
        int[] support = new int[m.size()];
        int[] latest = new int[m.size()];
        int i = 0;
        for (var e : m.entrySet()) {
            ids[i] = e.getKey();
            support[i] = e.getValue()[0];
            latest[i++] = e.getValue()[1];
        }
        return new EntitySet(Arrays.copyOf(ids, i), support, latest);
    }
}
