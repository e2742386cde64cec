package dev.seedling.eval.tkgqa.metric;

import dev.seedling.data.tkg.TimeFormatException;
import dev.seedling.data.tkg.TimeValue;

/**
 * When a predicted answer counts as a gold answer. Gold time answers come at mixed granularity, so a day-level
 * prediction never equals a month-level gold under {@link #EXACT}.
 */
public enum AnswerMatching {
    /** The texts are equal. */
    EXACT,
    /**
     * The texts are equal, or both are time points and the prediction, stated at the gold's granularity, equals the
     * gold ({@code 2015-12-13} matches {@code 2015-12}; {@code 2015} does not match {@code 2015-12}). Intervals only
     * match exactly.
     */
    GRANULARITY_AWARE;

    /** Whether {@code predicted} counts as {@code gold}. */
    public boolean matches(String predicted, String gold) {
        if (predicted.equals(gold)) {
            return true;
        }
        if (this == EXACT || !looksLikeTime(predicted) || !looksLikeTime(gold)) {
            return false;
        }
        try {
            TimeValue p = TimeValue.parse(predicted);
            TimeValue g = TimeValue.parse(gold);
            if (p.interval() || g.interval() || g.granularity().finerThan(p.granularity())) {
                return false;
            }
            return p.at(g.granularity()).equals(g);
        } catch (TimeFormatException e) {
            return false;
        }
    }

    private static boolean looksLikeTime(String s) {
        return !s.isEmpty() && Character.isDigit(s.charAt(0));
    }
}
