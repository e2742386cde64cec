package dev.seedling.eval.tkgqa.draft;

import dev.seedling.data.tkg.TkgQuestion;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Picks the demo category of a question. Category-keyed demos need the question type at test time: use
 * {@link #ORACLE} to read the gold label, or {@link #KEYWORDS} to guess it from the wording (MultiTQ categories).
 */
@FunctionalInterface
public interface CategoryClassifier {
    /** The category of {@code question}. */
    String category(TkgQuestion question);

    /** The question's own {@code qtype}/{@code type} label. */
    CategoryClassifier ORACLE = TkgQuestion::qtype;

    /**
     * Keyword rules for the MultiTQ types: first/last with before/after is {@code after_first}/{@code before_last},
     * first/last alone {@code first_last}, before/after alone {@code before_after}, "same month/year/day as" or
     * "when ... did" pairs {@code equal_multi}, otherwise {@code equal}.
     */
    CategoryClassifier KEYWORDS = q -> {
        String t = " " + q.question().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 ]", " ") + " ";
        boolean ordinal = Pattern.compile(" (first|last|earliest|latest|final) ").matcher(t).find();
        boolean after = t.contains(" after ");
        boolean before = t.contains(" before ") || t.contains(" prior to ");
        if (ordinal && after) {
            return "after_first";
        }
        if (ordinal && before) {
            return "before_last";
        }
        if (ordinal) {
            return "first_last";
        }
        if (after || before) {
            return "before_after";
        }
        if (Pattern.compile(" (same|in the (day|month|year)) .* (as|when) ").matcher(t).find()) {
            return "equal_multi";
        }
        return "equal";
    };
}
