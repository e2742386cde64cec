package dev.seedling.eval.tkgqa.exec;

import java.util.Objects;

/**
 * The semantic choices the paper leaves open, made explicit. {@link #defaults()} follows the spec: Before means the
 * fact ends before the pivot starts, After that it starts after the pivot ends, both strictly, on days; a
 * multi-valued pivot is its latest time for Before and its earliest for After; point and range filters keep facts
 * contained in the time, duration filters facts overlapping it.
 *
 * <p>Example with year intervals Blair {@code 1997/2007} and Brown {@code 2007/2010}: by default
 * {@code FilterBefore 2007} keeps neither (Blair's span ends in 2007) and {@code FilterByDuration 2007} keeps both.
 *
 * @param boundary          strict or inclusive comparison for Before/After
 * @param pivotEdge         which part of an interval pivot Before/After compares with
 * @param factEdge          which part of an interval fact Before/After compares
 * @param beforePivot       how a multi-valued time set becomes a Before pivot
 * @param afterPivot        how a multi-valued time set becomes an After pivot
 * @param matchPivot        how a multi-valued time set is used by Range, ByTimePoint and ByDuration
 * @param pointMatch        FilterByTimePoint's test
 * @param rangeMatch        FilterRange's test
 * @param durationMatch     FilterByDuration's test
 * @param finerThanStated   what GetMonth/GetDate do with a time stated more coarsely than asked
 * @param durationCounting  how GetDuration counts
 * @param ranking           how the answer set is ordered for Hits@k
 */
public record ExecutionPolicy(Boundary boundary, IntervalEdge pivotEdge, IntervalEdge factEdge,
                              PivotReduction beforePivot, PivotReduction afterPivot, PivotReduction matchPivot,
                              Containment pointMatch, Containment rangeMatch, Containment durationMatch,
                              Refinement finerThanStated, DurationCounting durationCounting, AnswerRanking ranking) {

    /** Before/After comparison. */
    public enum Boundary {
        /** Before: fact end &lt; pivot start; After: fact start &gt; pivot end (sharing a day disqualifies). */
        STRICT,
        /**
         * Before: the fact ends no later than the pivot's first granule (sharing the pivot's first year, month or day
         * qualifies); After: the fact starts no earlier than the pivot's last granule.
         */
        INCLUSIVE
    }

    /** Which part of an interval takes part in a Before/After comparison. */
    public enum IntervalEdge {
        /** The whole interval. */
        WHOLE,
        /** Its first granule (the start year of {@code 1997/2007}). */
        START,
        /** Its last granule (the end year of {@code 1997/2007}). */
        END
    }

    /** How a time set with several elements becomes one pivot. */
    public enum PivotReduction {
        /** The element that starts earliest. */
        MIN,
        /** The element that ends latest. */
        MAX,
        /** One interval from the earliest start to the latest end. */
        SPAN,
        /** Each element separately; a fact passes if it passes against any. */
        ANY
    }

    /** How a fact's time is tested against a filter's time. */
    public enum Containment {
        /** Every day of the fact lies in the time. */
        CONTAINED,
        /** The fact and the time share a day. */
        OVERLAPS
    }

    /** What to do when asked for a finer granularity than a time was stated at. */
    public enum Refinement {
        /** Keep the time at its stated granularity. */
        KEEP_COARSER,
        /** Drop it from the result. */
        DROP
    }

    /** How GetDuration measures {@code 1997/2007}. */
    public enum DurationCounting {
        /** End minus start in units: 10. */
        DIFFERENCE,
        /** Units touched: 11. */
        INCLUSIVE_COUNT
    }

    public ExecutionPolicy {
        Objects.requireNonNull(boundary, "boundary");
        Objects.requireNonNull(pivotEdge, "pivotEdge");
        Objects.requireNonNull(factEdge, "factEdge");
        Objects.requireNonNull(beforePivot, "beforePivot");
        Objects.requireNonNull(afterPivot, "afterPivot");
        Objects.requireNonNull(matchPivot, "matchPivot");
        Objects.requireNonNull(pointMatch, "pointMatch");
        Objects.requireNonNull(rangeMatch, "rangeMatch");
        Objects.requireNonNull(durationMatch, "durationMatch");
        Objects.requireNonNull(finerThanStated, "finerThanStated");
        Objects.requireNonNull(durationCounting, "durationCounting");
        Objects.requireNonNull(ranking, "ranking");
    }

    /** The spec's semantics; see the class comment. */
    public static ExecutionPolicy defaults() {
        return new ExecutionPolicy(Boundary.STRICT, IntervalEdge.WHOLE, IntervalEdge.WHOLE, PivotReduction.MAX,
                PivotReduction.MIN, PivotReduction.ANY, Containment.CONTAINED, Containment.CONTAINED,
                Containment.OVERLAPS, Refinement.KEEP_COARSER, DurationCounting.DIFFERENCE,
                AnswerRanking.SUPPORT_RECENCY_NAME);
    }

    /** This policy with another Before/After boundary. */
    public ExecutionPolicy withBoundary(Boundary b) {
        return new ExecutionPolicy(b, pivotEdge, factEdge, beforePivot, afterPivot, matchPivot, pointMatch,
                rangeMatch, durationMatch, finerThanStated, durationCounting, ranking);
    }

    /** This policy with other interval edges for Before/After. */
    public ExecutionPolicy withEdges(IntervalEdge pivot, IntervalEdge fact) {
        return new ExecutionPolicy(boundary, pivot, fact, beforePivot, afterPivot, matchPivot, pointMatch,
                rangeMatch, durationMatch, finerThanStated, durationCounting, ranking);
    }

    /** This policy with other pivot reductions. */
    public ExecutionPolicy withPivotReductions(PivotReduction before, PivotReduction after, PivotReduction match) {
        return new ExecutionPolicy(boundary, pivotEdge, factEdge, before, after, match, pointMatch, rangeMatch,
                durationMatch, finerThanStated, durationCounting, ranking);
    }

    /** This policy with other containment tests. */
    public ExecutionPolicy withContainment(Containment point, Containment range, Containment duration) {
        return new ExecutionPolicy(boundary, pivotEdge, factEdge, beforePivot, afterPivot, matchPivot, point, range,
                duration, finerThanStated, durationCounting, ranking);
    }

    /** This policy with other granularity and duration handling. */
    public ExecutionPolicy withTimeHandling(Refinement refinement, DurationCounting counting) {
        return new ExecutionPolicy(boundary, pivotEdge, factEdge, beforePivot, afterPivot, matchPivot, pointMatch,
                rangeMatch, durationMatch, refinement, counting, ranking);
    }

    /** This policy with another answer ranking. */
    public ExecutionPolicy withRanking(AnswerRanking r) {
        return new ExecutionPolicy(boundary, pivotEdge, factEdge, beforePivot, afterPivot, matchPivot, pointMatch,
                rangeMatch, durationMatch, finerThanStated, durationCounting, r);
    }
}
