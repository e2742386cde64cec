package dev.seedling.eval.tkgqa.exec;

import dev.seedling.data.tkg.TemporalKg;
import dev.seedling.data.tkg.TimeValue;
import dev.seedling.eval.tkgqa.program.ValueType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The value of one program step. Arrays inside are owned by the value and never modified after construction. */
sealed interface Value {
    /** The number of elements. */
    int size();

    /** The value's type. */
    ValueType type();

    /** Up to {@code n} elements as text, for the trace. */
    List<String> preview(TemporalKg kg, int n);

    /**
     * Entities with the evidence for ranking them.
     *
     * @param ids     entity ids, distinct, in first-seen order
     * @param support per entity, how many facts produced it (1 for a {@code Find})
     * @param latest  per entity, the latest start day among those facts, or {@link Integer#MIN_VALUE}
     */
    record EntitySet(int[] ids, int[] support, int[] latest) implements Value {
        static final EntitySet EMPTY = new EntitySet(new int[0], new int[0], new int[0]);

        @Override
        public int size() {
            return ids.length;
        }

        @Override
        public ValueType type() {
            return ValueType.ENTITIES;
        }

        @Override
        public List<String> preview(TemporalKg kg, int n) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < Math.min(n, ids.length); i++) {
                out.add(kg.entityName(ids[i]));
            }
            return out;
        }
    }

    /**
     * Facts, each with the entity in focus.
     *
     * @param facts fact ids
     * @param focus per fact, the focus entity (the end a {@code Relate} moved to)
     */
    record FactSet(int[] facts, int[] focus) implements Value {
        @Override
        public int size() {
            return facts.length;
        }

        @Override
        public ValueType type() {
            return ValueType.FACTS;
        }

        @Override
        public List<String> preview(TemporalKg kg, int n) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < Math.min(n, facts.length); i++) {
                var q = kg.quad(facts[i]);
                out.add("(" + q.subject() + ", " + q.relation() + ", " + q.object() + ", " + q.time() + ")");
            }
            return out;
        }

        /** The facts at positions where {@code keep} is true, in order. */
        FactSet select(boolean[] keep) {
            int n = 0;
            for (boolean k : keep) {
                n += k ? 1 : 0;
            }
            int[] f = new int[n];
            int[] e = new int[n];
            for (int i = 0, j = 0; i < keep.length; i++) {
                if (keep[i]) {
                    f[j] = facts[i];
                    e[j++] = focus[i];
                }
            }
            return new FactSet(f, e);
        }
    }

    /**
     * Distinct times with how many facts or inputs gave each.
     *
     * @param times   distinct times in first-seen order
     * @param support per time, its count
     */
    record TimeSet(List<TimeValue> times, int[] support) implements Value {
        @Override
        public int size() {
            return times.size();
        }

        @Override
        public ValueType type() {
            return ValueType.TIMES;
        }

        @Override
        public List<String> preview(TemporalKg kg, int n) {
            return times.stream().limit(n).map(TimeValue::format).toList();
        }

        /** Collects times, merging duplicates by adding their support. */
        static final class Collector {
            private final Map<TimeValue, Integer> counts = new LinkedHashMap<>();

            void add(TimeValue t, int support) {
                counts.merge(t, support, Integer::sum);
            }

            TimeSet build() {
                int[] s = new int[counts.size()];
                int i = 0;
                for (int c : counts.values()) {
                    s[i++] = c;
                }
                return new TimeSet(List.copyOf(counts.keySet()), s);
            }
        }
    }

    /**
     * Distinct numbers (durations in units of their time's granularity) with their counts.
     *
     * @param values  the numbers
     * @param support per number, how many times gave it
     */
    record NumberSet(long[] values, int[] support) implements Value {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        public ValueType type() {
            return ValueType.NUMBERS;
        }

        @Override
        public List<String> preview(TemporalKg kg, int n) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < Math.min(n, values.length); i++) {
                out.add(Long.toString(values[i]));
            }
            return out;
        }
    }
}
