package dev.seedling.eval.ie.parse;

/**
 * What {@link HallucinationFilter} removed from one prediction.
 *
 * @param spanNotInSentence mentions or event arguments whose span (or trigger, head, tail) is not in the sentence
 * @param typeNotInSchema   mentions whose class does not resolve to a schema class of the task's kind
 * @param unknownRole       event arguments whose role the event class does not declare
 * @param excessRepeats     copies of a mention beyond the number of times its span occurs in the sentence
 */
public record FilterCounts(int spanNotInSentence, int typeNotInSchema, int unknownRole, int excessRepeats) {
    /** Nothing removed. */
    public static final FilterCounts NONE = new FilterCounts(0, 0, 0, 0);

    /** The sum of two counts, for corpus totals. */
    public FilterCounts plus(FilterCounts o) {
        return new FilterCounts(spanNotInSentence + o.spanNotInSentence, typeNotInSchema + o.typeNotInSchema,
                unknownRole + o.unknownRole, excessRepeats + o.excessRepeats);
    }

    /** All removals. */
    public int total() {
        return spanNotInSentence + typeNotInSchema + unknownRole + excessRepeats;
    }
}
