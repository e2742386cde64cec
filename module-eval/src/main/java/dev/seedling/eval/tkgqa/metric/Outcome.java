package dev.seedling.eval.tkgqa.metric;

import java.util.List;
import java.util.Objects;

/**
 * What the metric needs of one answered question: its labels, its ranked predictions and its gold answers.
 *
 * @param id          the question id
 * @param dataset     {@code MULTITQ} or {@code CRON}
 * @param qtype       MultiTQ {@code qtype} or CronQuestions {@code type}
 * @param qlabel      {@code Single}/{@code Multiple} or {@code simple}/{@code complex}
 * @param answerType  {@code entity} or {@code time}
 * @param timeLevel   MultiTQ {@code time_level}, or null
 * @param hasTime     whether the question states a time (decides whether it enters the time-level breakdown)
 * @param predictions answers best first (empty when drafting, linking or execution failed)
 * @param gold        gold answers
 */
public record Outcome(String id, String dataset, String qtype, String qlabel, String answerType, String timeLevel,
                      boolean hasTime, List<String> predictions, List<String> gold) {
    public Outcome {
        Objects.requireNonNull(id, "id");
        predictions = List.copyOf(predictions);
        gold = List.copyOf(gold);
    }
}
