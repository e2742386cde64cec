package dev.seedling.eval.tkgqa.link;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Puts names into one comparable form: lower case, accents stripped, underscores and hyphens as spaces, punctuation
 * dropped, whitespace collapsed. ICEWS names carry parenthesised qualifiers ({@code Citizen (India)}):
 * {@link #normalise} keeps the qualifier's words, {@link #withoutQualifier} drops them. Stateless.
 */
public final class NameNormaliser {
    private static final Pattern QUALIFIER = Pattern.compile("\\s*\\([^)]*\\)\\s*$");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private NameNormaliser() {
    }

    /** {@code "Citizen_(India)"} becomes {@code "citizen india"}. */
    public static String normalise(String name) {
        String s = Normalizer.normalize(name, Normalizer.Form.NFKD);
        s = MARKS.matcher(s).replaceAll("").toLowerCase(Locale.ROOT);
        return NON_WORD.matcher(s).replaceAll(" ").strip();
    }

    /** {@code "Citizen (India)"} becomes {@code "citizen"}. */
    public static String withoutQualifier(String name) {
        return normalise(QUALIFIER.matcher(name.replace('_', ' ')).replaceFirst(""));
    }
}
