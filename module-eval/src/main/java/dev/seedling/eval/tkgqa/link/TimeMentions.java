package dev.seedling.eval.tkgqa.link;

import dev.seedling.data.tkg.TimeFormatException;
import dev.seedling.data.tkg.TimeValue;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites time mentions a model may draft ({@code Nov 2009}, {@code 15 November 2009}, {@code November 15, 2009},
 * {@code 2009/11/15}, {@code in 2009}) into the ISO forms {@link TimeValue#parse} reads. Stateless.
 */
public final class TimeMentions {
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
            "nov", "dec"};
    private static final Pattern NUMERIC = Pattern.compile("(\\d{4})[/._](\\d{1,2})(?:[/._](\\d{1,2}))?");
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile("(\\d{1,2})(?:st|nd|rd|th)? ([a-z]+),? (\\d{4})");
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile("([a-z]+) (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})");
    private static final Pattern MONTH_YEAR = Pattern.compile("([a-z]+),? (?:of )?(\\d{4})");
    private static final Pattern YEAR = Pattern.compile("(?:in |the year |year )?(\\d{4})");

    private TimeMentions() {
    }

    /** The ISO form of {@code mention}, or the mention unchanged when it is already ISO or not recognised. */
    public static String normalise(String mention) {
        try {
            TimeValue.parse(mention);
            return mention.strip();
        } catch (TimeFormatException e) {
            // not ISO: try the spoken forms below
        }
        String t = mention.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        Matcher m = NUMERIC.matcher(t);
        if (m.matches()) {
            return iso(m.group(1), Integer.parseInt(m.group(2)), m.group(3), mention);
        }
        m = DAY_MONTH_YEAR.matcher(t);
        if (m.matches() && month(m.group(2)) > 0) {
            return iso(m.group(3), month(m.group(2)), m.group(1), mention);
        }
        m = MONTH_DAY_YEAR.matcher(t);
        if (m.matches() && month(m.group(1)) > 0) {
            return iso(m.group(3), month(m.group(1)), m.group(2), mention);
        }
        m = MONTH_YEAR.matcher(t);
        if (m.matches() && month(m.group(1)) > 0) {
            return iso(m.group(2), month(m.group(1)), null, mention);
        }
        m = YEAR.matcher(t);
        return m.matches() ? m.group(1) : mention;
    }

    private static int month(String word) {
        for (int i = 0; i < MONTHS.length; i++) {
            if (word.length() >= 3 && word.startsWith(MONTHS[i])) {
                return i + 1;
            }
        }
        return 0;
    }

    private static String iso(String year, int month, String day, String original) {
        String s = day == null ? String.format("%s-%02d", year, month)
                : String.format("%s-%02d-%02d", year, month, Integer.parseInt(day));
        try {
            TimeValue.parse(s);
            return s;
        } catch (TimeFormatException e) {
            return original;
        }
    }
}
