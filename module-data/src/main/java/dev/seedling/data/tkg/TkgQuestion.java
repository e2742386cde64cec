package dev.seedling.data.tkg;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One temporal question with its gold answers and the labels the metrics break down by.
 *
 * @param id         the dataset's id ({@code quid} for MultiTQ, {@code uniq_id} for CronQuestions) or, when the
 *                   file has none, the 0-based position in the file
 * @param dataset    which dataset the question comes from
 * @param question   the question text as given ({@code question}; for CronQuestions with ids in place of names)
 * @param answers    gold answers as text: entity names or ids, or times ({@code 2015}, {@code 2015-12},
 *                   {@code 2015-12-13})
 * @param answerType {@code entity} or {@code time}
 * @param qtype      the question category: MultiTQ {@code qtype}, CronQuestions {@code type}
 * @param qlabel     {@code Single}/{@code Multiple} (MultiTQ) or {@code simple}/{@code complex} (CronQuestions)
 * @param timeLevel  MultiTQ {@code time_level} ({@code day|month|year}), or null when absent
 * @param entities   entities the question mentions, where the file annotates them (else empty)
 * @param times      times the question mentions, where annotated (else empty)
 * @param relations  gold relations, where annotated (CronQuestions; else empty)
 * @param annotation CronQuestions {@code annotation} ({@code head}, {@code tail}, {@code time}, {@code adj}),
 *                   else empty
 */
public record TkgQuestion(String id, Dataset dataset, String question, List<String> answers, String answerType,
                          String qtype, String qlabel, String timeLevel, List<String> entities, List<String> times,
                          List<String> relations, Map<String, String> annotation) {
    /** The dataset a question belongs to; it decides which breakdowns apply. */
    public enum Dataset { MULTITQ, CRON }

    public TkgQuestion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(question, "question");
        answers = List.copyOf(answers);
        Objects.requireNonNull(answerType, "answerType");
        Objects.requireNonNull(qtype, "qtype");
        Objects.requireNonNull(qlabel, "qlabel");
        entities = List.copyOf(entities);
        times = List.copyOf(times);
        relations = List.copyOf(relations);
        annotation = Map.copyOf(annotation);
    }
}
