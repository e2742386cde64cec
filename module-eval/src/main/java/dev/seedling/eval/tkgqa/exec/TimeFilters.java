package dev.seedling.eval.tkgqa.exec;

import dev.seedling.data.tkg.TimeValue;
import dev.seedling.eval.tkgqa.exec.ExecutionPolicy.Containment;
import dev.seedling.eval.tkgqa.exec.ExecutionPolicy.IntervalEdge;
import dev.seedling.eval.tkgqa.exec.ExecutionPolicy.PivotReduction;
import dev.seedling.eval.tkgqa.exec.Value.FactSet;

import java.util.List;

/** FilterBefore, FilterAfter, FilterRange, FilterByTimePoint and FilterByDuration, under the policy. Stateless. */
final class TimeFilters {
    private TimeFilters() {
    }

    /** FilterBefore (before = true) or FilterAfter against the pivot times. */
    static FactSet beforeOrAfter(ExecutionContext c, FactSet in, List<TimeValue> pivotSet, boolean before) {
        ExecutionPolicy p = c.policy;
        List<TimeValue> pivots = reduce(pivotSet, before ? p.beforePivot() : p.afterPivot());
        if (pivots.isEmpty()) {
            return in.select(new boolean[in.size()]);
        }
        // Before keeps fact end < t, After keeps fact start > t (long: no overflow at open ends); against ANY of
        // several pivots that is the loosest threshold
        long threshold = before ? Long.MIN_VALUE : Long.MAX_VALUE;
        boolean strict = p.boundary() == ExecutionPolicy.Boundary.STRICT;
        for (TimeValue pivot : pivots) {
            c.tick();
            TimeValue pv = edge(pivot, p.pivotEdge());
            threshold = before
                    ? Math.max(threshold, strict ? pv.startDay() : (long) pv.firstGranule().endDay() + 1)
                    : Math.min(threshold, strict ? pv.endDay() : (long) pv.lastGranule().startDay() - 1);
        }
        boolean[] keep = new boolean[in.size()];
        for (int i = 0; i < keep.length; i++) {
            c.tick();
            int f = in.facts()[i];
            long start = c.kg.startDay(f);
            long end = c.kg.endDay(f);
            if (p.factEdge() != IntervalEdge.WHOLE && c.kg.time(f).interval()) {
                TimeValue fe = edge(c.kg.time(f), p.factEdge());
                start = fe.startDay();
                end = fe.endDay();
            }
            keep[i] = before ? end < threshold : start > threshold;
        }
        return in.select(keep);
    }

    /** FilterRange, FilterByTimePoint or FilterByDuration: facts contained in, or overlapping, a pivot. */
    static FactSet matching(ExecutionContext c, FactSet in, List<TimeValue> pivotSet, Containment test) {
        List<TimeValue> pivots = reduce(pivotSet, c.policy.matchPivot());
        boolean[] keep = new boolean[in.size()];
        for (int i = 0; i < keep.length; i++) {
            c.tick();
            int f = in.facts()[i];
            int s = c.kg.startDay(f);
            int e = c.kg.endDay(f);
            for (TimeValue pv : pivots) {
                c.tick();
                boolean ok = test == Containment.CONTAINED
                        ? pv.startDay() <= s && e <= pv.endDay()
                        : s <= pv.endDay() && pv.startDay() <= e;
                if (ok) {
                    keep[i] = true;
                    break;
                }
            }
        }
        return in.select(keep);
    }

    /** The pivot times a step uses: its text arguments (two make a range), else its time-like dependency. */
    static List<TimeValue> pivots(ExecutionContext c, List<String> texts, Value dependency) {
        if (texts.size() == 2) {
            return List.of(TimeValue.between(TimeValue.parse(texts.get(0)), TimeValue.parse(texts.get(1))));
        }
        if (texts.size() == 1) {
            return List.of(TimeValue.parse(texts.get(0)));
        }
        return TimeQueries.times(c, dependency).times();
    }

    private static List<TimeValue> reduce(List<TimeValue> set, PivotReduction r) {
        if (set.size() <= 1 || r == PivotReduction.ANY) {
            return set;
        }
        TimeValue min = set.get(0);
        TimeValue max = set.get(0);
        for (TimeValue t : set) {
            min = t.startDay() < min.startDay() ? t : min;
            max = t.endDay() > max.endDay() ? t : max;
        }
        return switch (r) {
            case MIN -> List.of(min);
            case MAX -> List.of(max);
            case SPAN -> List.of(TimeValue.between(min, max));
            case ANY -> set;
        };
    }

    private static TimeValue edge(TimeValue t, IntervalEdge e) {
        return switch (e) {
            case WHOLE -> t;
            case START -> t.firstGranule();
            case END -> t.lastGranule();
        };
    }
}
