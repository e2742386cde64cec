package dev.seedling.eval.ie.parse;

import dev.seedling.eval.ie.IeTask;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a model's output for one sentence: {@link PyLiteralParser}, then, after a malformed element, the
 * {@link RegexFallback} on the text that follows the last complete element, then {@link InstanceDecoder}, then
 * {@link HallucinationFilter}. With {@code filterHallucinations} off, only types outside the schema are removed (they
 * cannot be canonicalised); spans and repeats are kept. Never throws on any output string. Immutable and thread-safe.
 */
public final class OutputReader {
    private final PyLiteralParser parser = new PyLiteralParser();
    private final InstanceDecoder decoder = new InstanceDecoder();
    private final HallucinationFilter filter;
    private final RegexFallback fallback = new RegexFallback();
    private final boolean filterHallucinations;
    private final boolean regexFallback;

    /**
     * A reader using {@code filter}.
     *
     * @param filterHallucinations false keeps spans and repeats the filter would drop
     * @param regexFallback        whether to run the regex fallback after a malformed element
     */
    public OutputReader(HallucinationFilter filter, boolean filterHallucinations, boolean regexFallback) {
        this.filter = filter;
        this.filterHallucinations = filterHallucinations;
        this.regexFallback = regexFallback;
    }

    /** A reader with the regex fallback on. */
    public OutputReader(HallucinationFilter filter, boolean filterHallucinations) {
        this(filter, filterHallucinations, true);
    }

    /** Reads {@code output} as the answer for {@code sentence} in {@code task}. */
    public Extraction read(IeTask task, String sentence, String output) {
        ParseResult parse = parser.parse(output);
        List<PyValue> items = parse.items();
        int recovered = 0;
        if (regexFallback && parse.status() == ParseResult.Status.MALFORMED) {
            List<PyValue> more = fallback.find(task, output.substring(parse.resume()));
            recovered = more.size();
            items = new ArrayList<>(items);
            items.addAll(more);
        }
        DecodeResult decoded = decoder.decode(task, items);
        FilterResult filtered = filterHallucinations
                ? filter.filter(sentence, decoded.annotations())
                : filter.filterTypesOnly(decoded.annotations());
        return new Extraction(parse, filtered.kept(), decoded.skipped().size(), recovered,
                filtered.removed());
    }
}
