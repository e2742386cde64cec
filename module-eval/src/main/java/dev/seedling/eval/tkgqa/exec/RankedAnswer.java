package dev.seedling.eval.tkgqa.exec;

/**
 * One answer with the evidence used to rank it.
 *
 * @param text    the entity name, time text ({@code 2010-07-16}) or number
 * @param support how many facts or inputs gave it
 * @param recency the latest start day (epoch day) behind it, or {@link Integer#MIN_VALUE} when it has no time
 */
public record RankedAnswer(String text, int support, int recency) {
}
