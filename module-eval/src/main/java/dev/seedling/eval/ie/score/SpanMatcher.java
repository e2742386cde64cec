package dev.seedling.eval.ie.score;

import java.util.Locale;

/**
 * Whether a predicted span matches a gold span. Exact match (EM) is the default; trimming and case folding are
 * options. KnowCoder's head-word match (HM, via a dependency parser) can be plugged in by implementing this interface;
 * it does not apply to CJK, which has no whitespace. Implementations must be stateless and thread-safe.
 */
@FunctionalInterface
public interface SpanMatcher {
    /** Whether {@code predicted} matches {@code gold}. */
    boolean matches(String predicted, String gold);

    /** Exact string equality. */
    static SpanMatcher exact() {
        return String::equals;
    }

    /** Equality after optional {@link String#strip()} and optional lower-casing in the ROOT locale. */
    static SpanMatcher normalised(boolean trim, boolean caseFold) {
        return (p, g) -> {
            String a = trim ? p.strip() : p;
            String b = trim ? g.strip() : g;
            return caseFold ? a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT)) : a.equals(b);
        };
    }
}
