package dev.seedling.data.tkg;

/** The precision of a time value, from coarse to fine; {@link #compareTo} orders YEAR before MONTH before DAY. */
public enum Granularity {
    YEAR, MONTH, DAY;

    /** Whether this granularity is strictly finer than {@code other} (DAY is finer than MONTH). */
    public boolean finerThan(Granularity other) {
        return compareTo(other) > 0;
    }

    /**
     * Parses a MultiTQ {@code time_level} label ({@code year}, {@code month}, {@code day}), case-insensitively.
     *
     * @throws IllegalArgumentException when the label is none of those
     */
    public static Granularity fromLabel(String label) {
        return switch (label.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "year" -> YEAR;
            case "month" -> MONTH;
            case "day" -> DAY;
            default -> throw new IllegalArgumentException("unknown time granularity '" + label + "'; expected year, month or day");
        };
    }
}
