package dev.seedling.eval.ie.run;

import dev.seedling.eval.ie.IeTask;
import dev.seedling.eval.ie.parse.FilterCounts;
import dev.seedling.eval.ie.score.IeMetric;
import dev.seedling.eval.ie.score.IeScore;
import dev.seedling.eval.ie.score.Prf;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of an evaluation run.
 *
 * @param model         the model's name
 * @param task          the task
 * @param options       the settings
 * @param items         sentences scored
 * @param modelErrors   sentences the model failed on (scored as predicting nothing; retried on the next run)
 * @param parseStatus   how many outputs ended in each {@link dev.seedling.eval.ie.parse.ParseResult.Status}
 * @param undecodable   parsed elements without a mention's shape
 * @param recovered     elements the regex fallback found after malformed elements
 * @param filtered      what the hallucination filter removed
 * @param scores        every metric of the task, identification first, overall and per type
 * @param perLanguage   per language tag, the overall counts of every metric
 */
public record IeReport(String model, IeTask task, IeEvalOptions options, int items, int modelErrors,
                       Map<String, Integer> parseStatus, int undecodable, int recovered, FilterCounts filtered, List<IeScore> scores,
                       Map<String, Map<IeMetric, Prf>> perLanguage) {
    public IeReport {
        parseStatus = Collections.unmodifiableMap(new TreeMap<>(parseStatus));
        scores = List.copyOf(scores);
        perLanguage = Collections.unmodifiableMap(new TreeMap<>(perLanguage));
    }

    /** The score of one metric of this report. */
    public IeScore score(IeMetric metric) {
        return scores.stream().filter(s -> s.metric() == metric).findFirst().orElseThrow(
                () -> new IllegalArgumentException(metric + " is not a metric of task " + task));
    }
}
