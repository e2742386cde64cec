package dev.seedling.eval.tkgqa.exec;

import dev.seedling.data.tkg.Granularity;
import dev.seedling.data.tkg.TimeValue;
import dev.seedling.eval.tkgqa.exec.ExecutionPolicy.DurationCounting;
import dev.seedling.eval.tkgqa.exec.ExecutionPolicy.Refinement;
import dev.seedling.eval.tkgqa.exec.Value.FactSet;
import dev.seedling.eval.tkgqa.exec.Value.NumberSet;
import dev.seedling.eval.tkgqa.exec.Value.TimeSet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * FilterFirst/FilterLast in their Time and Event forms, GetYear/GetMonth/GetDate, GetDuration,
 * QueryRelationQualifier and QueryEventQualifier. Ordinals compare start days (ties kept; an open start counts as
 * earliest). Stateless.
 */
final class TimeQueries {
    private TimeQueries() {
    }

    /** A time-like value as times: a time set as is; a fact set as its facts' times, counted per fact. */
    static TimeSet times(ExecutionContext c, Value v) {
        if (v instanceof TimeSet ts) {
            return ts;
        }
        FactSet fs = (FactSet) v;
        TimeSet.Collector out = new TimeSet.Collector();
        for (int i = 0; i < fs.size(); i++) {
            c.tick();
            out.add(c.kg.time(fs.facts()[i]), 1);
        }
        return out.build();
    }

    /** FilterFirstEvent (first = true) or FilterLastEvent: the facts at the minimum or maximum start. */
    static FactSet extremeEvents(ExecutionContext c, FactSet in, boolean first) {
        if (in.size() == 0) {
            return in;
        }
        int best = first ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        for (int f : in.facts()) {
            int s = c.kg.startDay(f);
            best = first ? Math.min(best, s) : Math.max(best, s);
        }
        boolean[] keep = new boolean[in.size()];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = c.kg.startDay(in.facts()[i]) == best;
        }
        return in.select(keep);
    }

    /** FilterFirstTime (first = true) or FilterLastTime: the times that start earliest or latest. */
    static TimeSet extremeTimes(ExecutionContext c, Value in, boolean first) {
        TimeSet ts = times(c, in);
        if (ts.size() == 0) {
            return ts;
        }
        int best = first ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        for (TimeValue t : ts.times()) {
            best = first ? Math.min(best, t.startDay()) : Math.max(best, t.startDay());
        }
        TimeSet.Collector out = new TimeSet.Collector();
        for (int i = 0; i < ts.size(); i++) {
            if (ts.times().get(i).startDay() == best) {
                out.add(ts.times().get(i), ts.support()[i]);
            }
        }
        return out.build();
    }

    /** GetYear/GetMonth/GetDate: the times stated at {@code g}; coarser ones per the refinement policy. */
    static TimeSet atGranularity(ExecutionContext c, Value in, Granularity g) {
        TimeSet ts = times(c, in);
        TimeSet.Collector out = new TimeSet.Collector();
        for (int i = 0; i < ts.size(); i++) {
            TimeValue t = ts.times().get(i);
            if (g.finerThan(t.granularity()) && c.policy.finerThanStated() == Refinement.DROP) {
                continue;
            }
            out.add(t.at(g), ts.support()[i]);
        }
        return out.build();
    }

    /**
     * QueryRelationQualifier: each fact's time; with key {@code start time} or {@code end time}, the first or last
     * granule of an interval (facts with that end open give nothing).
     */
    static TimeSet relationQualifier(ExecutionContext c, FactSet in, List<String> texts) {
        String key = texts.isEmpty() ? "time" : texts.get(0).toLowerCase(Locale.ROOT);
        TimeSet.Collector out = new TimeSet.Collector();
        for (int i = 0; i < in.size(); i++) {
            c.tick();
            TimeValue t = c.kg.time(in.facts()[i]);
            switch (key) {
                case "start time" -> {
                    if (!t.openStart()) {
                        out.add(t.firstGranule(), 1);
                    }
                }
                case "end time" -> {
                    if (!t.openEnd()) {
                        out.add(t.lastGranule(), 1);
                    }
                }
                default -> out.add(t, 1);
            }
        }
        return out.build();
    }

    /** QueryEventQualifier: each fact's whole span (a CronQuestions fact's {@code start/end}). */
    static TimeSet eventQualifier(ExecutionContext c, FactSet in) {
        return times(c, in);
    }

    /** GetDuration: each time's length in units of its granularity; times with an open end give nothing. */
    static NumberSet duration(ExecutionContext c, Value in) {
        TimeSet ts = times(c, in);
        Map<Long, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < ts.size(); i++) {
            TimeValue t = ts.times().get(i);
            if (t.openStart() || t.openEnd()) {
                continue;
            }
            long len = t.lengthInUnits() + (c.policy.durationCounting() == DurationCounting.INCLUSIVE_COUNT ? 1 : 0);
            counts.merge(len, ts.support()[i], Integer::sum);
        }
        long[] values = new long[counts.size()];
        int[] support = new int[counts.size()];
        int i = 0;
        for (var e : counts.entrySet()) {
            values[i] = e.getKey();
            support[i++] = e.getValue();
        }
        return new NumberSet(values, support);
    }
}
