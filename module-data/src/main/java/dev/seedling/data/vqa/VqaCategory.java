package dev.seedling.data.vqa;

import java.util.Optional;

/**
 * An item's categories: the raw labels exactly as the data file gives them, and the codes they resolved to.
 *
 * @param rawTask        the task label as written ({@code vqa_category.task_category} or {@code .task}), or null
 * @param rawTopic       the topic label as written ({@code vqa_category.subject_category} or {@code .topic}), or null
 * @param rawEntityClass {@code vqa_category.entity_class}, or null
 * @param task           the resolved task, or null when the raw label is absent or unmapped
 * @param topic          the resolved topic, or null when the raw label is absent or unmapped
 */
public record VqaCategory(String rawTask, String rawTopic, String rawEntityClass, VqaTask task, VqaTopic topic) {
    /** No category information. */
    public static final VqaCategory NONE = new VqaCategory(null, null, null, null, null);

    public Optional<VqaTask> taskCode() {
        return Optional.ofNullable(task);
    }

    public Optional<VqaTopic> topicCode() {
        return Optional.ofNullable(topic);
    }
}
