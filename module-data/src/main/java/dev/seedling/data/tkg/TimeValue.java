package dev.seedling.data.tkg;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A time as a closed range of days with the granularity it was stated at: a point ({@code 2010-05} is the days
 * 2010-05-01..2010-05-31) or an interval between two points ({@code 1997/2007} is 1997-01-01..2007-12-31, the span of
 * a CronQuestions fact). Either end of an interval may be open, stored as {@link #OPEN_START} or {@link #OPEN_END}.
 *
 * <p>Text forms: {@code YYYY}, {@code YYYY-MM}, {@code YYYY-MM-DD}, and {@code A/B} for intervals where {@code A} and
 * {@code B} are points or {@code ..} for an open end (ISO 8601-2). Values are immutable and thread-safe.
 *
 * @param granularity the precision of the bounds; an interval's is the finer of its two bounds'
 * @param startDay    first day, as {@link LocalDate#toEpochDay()}, or {@link #OPEN_START}
 * @param endDay      last day (inclusive), as an epoch day, or {@link #OPEN_END}
 * @param interval    whether this is an interval between two points rather than a single point
 */
public record TimeValue(Granularity granularity, int startDay, int endDay, boolean interval) {
    /** The start of an interval that has no known beginning. */
    public static final int OPEN_START = Integer.MIN_VALUE;
    /** The end of an interval that has no known end. */
    public static final int OPEN_END = Integer.MAX_VALUE;

    public TimeValue {
        Objects.requireNonNull(granularity, "granularity");
        if (startDay > endDay) {
            throw new TimeFormatException("a time cannot end (" + dayText(endDay, granularity)
                    + ") before it starts (" + dayText(startDay, granularity) + ")");
        }
        if (!interval && (startDay == OPEN_START || endDay == OPEN_END)) {
            throw new TimeFormatException("only an interval may have an open end");
        }
    }

    /** The year {@code y} as a point. */
    public static TimeValue year(int y) {
        return new TimeValue(Granularity.YEAR, day(LocalDate.of(y, 1, 1)), day(LocalDate.of(y, 12, 31)), false);
    }

    /** The month {@code y-m} as a point. */
    public static TimeValue month(int y, int m) {
        YearMonth ym = YearMonth.of(y, m);
        return new TimeValue(Granularity.MONTH, day(ym.atDay(1)), day(ym.atEndOfMonth()), false);
    }

    /** The day {@code y-m-d} as a point. */
    public static TimeValue day(int y, int m, int d) {
        int e = day(LocalDate.of(y, m, d));
        return new TimeValue(Granularity.DAY, e, e, false);
    }

    /**
     * The interval from the start of {@code from} to the end of {@code to}; null for an open end. Its granularity is
     * the finer of the two bounds' (YEAR when both are open).
     */
    public static TimeValue between(TimeValue from, TimeValue to) {
        Granularity g = Granularity.YEAR;
        if (from != null && from.granularity.finerThan(g)) {
            g = from.granularity;
        }
        if (to != null && to.granularity.finerThan(g)) {
            g = to.granularity;
        }
        return new TimeValue(g, from == null ? OPEN_START : from.startDay, to == null ? OPEN_END : to.endDay, true);
    }

    /**
     * Reads a point or an interval in one of the text forms in the class comment.
     *
     * @throws TimeFormatException quoting {@code text} when it is in none of them, names an impossible date or one
     *                             too far in the future for an {@code int} epoch day (a year beyond about 5,800,000)
     */
    public static TimeValue parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        if (slash >= 0) {
            String a = t.substring(0, slash).strip();
            String b = t.substring(slash + 1).strip();
            return between(openOrPoint(a, text), openOrPoint(b, text));
        }
        return parsePoint(t, text);
    }

    private static TimeValue openOrPoint(String part, String whole) {
        return part.isEmpty() || part.equals("..") ? null : parsePoint(part, whole);
    }

    private static TimeValue parsePoint(String t, String whole) {
        try {
            String[] p = t.split("-", -1);
            if (p.length > 3 || p[0].isEmpty() || !t.chars().allMatch(c -> c == '-' || (c >= '0' && c <= '9'))) {
                throw new NumberFormatException();
            }
            int y = Integer.parseInt(p[0]);
            return switch (p.length) {
                case 1 -> year(y);
                case 2 -> month(y, Integer.parseInt(p[1]));
                default -> day(y, Integer.parseInt(p[1]), Integer.parseInt(p[2]));
            };
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new TimeFormatException("cannot read time '" + whole + "'; expected YYYY, YYYY-MM, YYYY-MM-DD or A/B"
                    + " with .. for an open end");
        } catch (ArithmeticException e) {
            throw new TimeFormatException("cannot read time '" + whole + "': the year is out of range");
        }
    }

    /** Whether the start is unknown. */
    public boolean openStart() {
        return startDay == OPEN_START;
    }

    /** Whether the end is unknown. */
    public boolean openEnd() {
        return endDay == OPEN_END;
    }

    /** The first day, or null when the start is open. */
    public LocalDate startDate() {
        return openStart() ? null : LocalDate.ofEpochDay(startDay);
    }

    /** The last day, or null when the end is open. */
    public LocalDate endDate() {
        return openEnd() ? null : LocalDate.ofEpochDay(endDay);
    }

    /** Whether every day of {@code other} lies within this value. */
    public boolean contains(TimeValue other) {
        return startDay <= other.startDay && other.endDay <= endDay;
    }

    /** Whether this value and {@code other} share at least one day. */
    public boolean overlaps(TimeValue other) {
        return startDay <= other.endDay && other.startDay <= endDay;
    }

    /**
     * This value stated at granularity {@code g}: the point (or interval of points) at {@code g} that contains it, so
     * {@code 2010-05-17} at MONTH is {@code 2010-05}. Asking for a finer granularity than this value's returns this
     * value unchanged: precision that was never stated cannot be recovered. Open ends stay open.
     */
    public TimeValue at(Granularity g) {
        if (g.finerThan(granularity)) {
            return this;
        }
        if (!interval) {
            return pointContaining(startDay, g);
        }
        int s = openStart() ? OPEN_START : pointContaining(startDay, g).startDay;
        int e = openEnd() ? OPEN_END : pointContaining(endDay, g).endDay;
        return new TimeValue(g, s, e, true);
    }

    /** The first granule of this value (its start point at its granularity); a point is its own first granule. */
    public TimeValue firstGranule() {
        return !interval ? this : openStart() ? this : pointContaining(startDay, granularity);
    }

    /** The last granule of this value (its end point at its granularity); a point is its own last granule. */
    public TimeValue lastGranule() {
        return !interval ? this : openEnd() ? this : pointContaining(endDay, granularity);
    }

    /**
     * The number of whole units of this value's granularity from its start to its end: 10 for {@code 1997/2007}, 0
     * for a point.
     *
     * @throws IllegalStateException when an end is open
     */
    public long lengthInUnits() {
        if (openStart() || openEnd()) {
            throw new IllegalStateException("the interval " + this + " has an open end and no length");
        }
        LocalDate s = LocalDate.ofEpochDay(startDay);
        LocalDate e = LocalDate.ofEpochDay(endDay);
        return switch (granularity) {
            case YEAR -> e.getYear() - s.getYear();
            case MONTH -> ChronoUnit.MONTHS.between(YearMonth.from(s), YearMonth.from(e));
            case DAY -> e.toEpochDay() - s.toEpochDay();
        };
    }

    /** The text form: {@code 2010}, {@code 2010-05}, {@code 2010-05-17}, {@code 1997/2007} or {@code 1997/..}. */
    public String format() {
        if (!interval) {
            return dayText(startDay, granularity);
        }
        return (openStart() ? ".." : dayText(startDay, granularity)) + "/" + (openEnd() ? ".." : dayText(endDay, granularity));
    }

    @Override
    public String toString() {
        return format();
    }

    private static TimeValue pointContaining(int epochDay, Granularity g) {
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        return switch (g) {
            case YEAR -> year(d.getYear());
            case MONTH -> month(d.getYear(), d.getMonthValue());
            case DAY -> new TimeValue(Granularity.DAY, epochDay, epochDay, false);
        };
    }

    private static String dayText(int epochDay, Granularity g) {
        if (epochDay == OPEN_START || epochDay == OPEN_END) {
            return "..";
        }
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        return switch (g) {
            case YEAR -> String.format("%04d", d.getYear());
            case MONTH -> String.format("%04d-%02d", d.getYear(), d.getMonthValue());
            case DAY -> d.toString();
        };
    }

    /** {@code d} as an epoch day; ArithmeticException beyond the int range, whose ends stand for open ends. */
    private static int day(LocalDate d) {
        long e = d.toEpochDay();
        if (e <= OPEN_START || e >= OPEN_END) {
            throw new ArithmeticException("the date " + d + " is beyond the range of an int epoch day");
        }
        return (int) e;
    }
}
