package dev.seedling.eval.ie.parse;

import dev.seedling.eval.ie.IeTask;

/**
 * Reads a model's output for one sentence: {@link PyLiteralParser}, then {@link InstanceDecoder}, then
 * {@link HallucinationFilter}. With {@code filterHallucinations} off, only types outside the schema are removed (they
 * cannot be canonicalised); spans and repeats are kept. Never throws on any output string. Immutable and thread-safe.
 */
public final class OutputReader {
    private final PyLiteralParser parser = new PyLiteralParser();
    private final InstanceDecoder decoder = new InstanceDecoder();
    private final HallucinationFilter filter;
    private final boolean filterHallucinations;

    /** A reader using {@code filter}; {@code filterHallucinations} false keeps spans and repeats the filter would drop. */
    public OutputReader(HallucinationFilter filter, boolean filterHallucinations) {
        this.filter = filter;
        this.filterHallucinations = filterHallucinations;
    }

    /** Reads {@code output} as the answer for {@code sentence} in {@code task}. */
    public Extraction read(IeTask task, String sentence, String output) {
        ParseResult parse = parser.parse(output);
        DecodeResult decoded = decoder.decode(task, parse.items());
        FilterResult filtered = filterHallucinations
                ? filter.filter(sentence, decoded.annotations())
                : filter.filterTypesOnly(decoded.annotations());
        return new Extraction(parse, filtered.kept(), decoded.skipped().size(), filtered.removed());
    }
}
