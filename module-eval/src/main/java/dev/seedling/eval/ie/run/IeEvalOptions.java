package dev.seedling.eval.ie.run;

import dev.seedling.eval.ie.render.CodeStyle;
import dev.seedling.eval.ie.score.DuplicatePolicy;
import dev.seedling.eval.ie.score.SpanMatcher;

import java.util.Objects;

/**
 * The settings of an evaluation run.
 *
 * @param style             prompt and code style
 * @param matcher           span matching for scoring
 * @param duplicates        duplicate policy for scoring
 * @param filterHallucinations whether to drop spans not in the sentence and repeats beyond their occurrences (types
 *                          not in the schema are always dropped, since they cannot be scored per type)
 * @param caseSensitiveFilter  whether the filter's substring tests are exact (true) or fold case (GoLLIE)
 * @param regexFallback     whether KnowCoder's regexes look for calls after a malformed element
 * @param maxTokens         the reply length limit per request
 * @param concurrency       how many requests may be in flight at once (1: one at a time, in data order)
 */
public record IeEvalOptions(CodeStyle style, SpanMatcher matcher, DuplicatePolicy duplicates,
                            boolean filterHallucinations, boolean caseSensitiveFilter, boolean regexFallback,
                            int maxTokens, int concurrency) {
    public IeEvalOptions {
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(matcher, "matcher");
        Objects.requireNonNull(duplicates, "duplicates");
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be positive but is " + maxTokens);
        }
        if (concurrency <= 0) {
            throw new IllegalArgumentException("concurrency must be positive but is " + concurrency);
        }
    }

    /**
     * KnowCoder style, exact match, multiset, exact-substring filter on, regex fallback on, 1024 tokens, one request
     * at a time.
     */
    public static IeEvalOptions defaults() {
        return new IeEvalOptions(CodeStyle.KNOWCODER, SpanMatcher.exact(), DuplicatePolicy.MULTISET, true, true, true,
                1024, 1);
    }

    /** These options with another style. */
    public IeEvalOptions withStyle(CodeStyle s) {
        return new IeEvalOptions(s, matcher, duplicates, filterHallucinations, caseSensitiveFilter, regexFallback,
                maxTokens, concurrency);
    }

    /** These options with another number of requests in flight. */
    public IeEvalOptions withConcurrency(int n) {
        return new IeEvalOptions(style, matcher, duplicates, filterHallucinations, caseSensitiveFilter, regexFallback,
                maxTokens, n);
    }

    /** These options with another duplicate policy. */
    public IeEvalOptions withDuplicates(DuplicatePolicy d) {
        return new IeEvalOptions(style, matcher, d, filterHallucinations, caseSensitiveFilter, regexFallback,
                maxTokens, concurrency);
    }
}
