package dev.seedling.eval.ie.render;

import java.util.Objects;

/**
 * One instruction-tuning example: a prompt and the code a model should complete it with.
 *
 * @param id         the item id, suffixed for derived examples
 * @param task       the task id ({@code ner}, ..., or {@code translated-ner})
 * @param style      the code style's name
 * @param prompt     the prompt text
 * @param completion the expected {@code results = [...]} code
 */
public record InstructionExample(String id, String task, String style, String prompt, String completion) {
    public InstructionExample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(completion, "completion");
    }
}
