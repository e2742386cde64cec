package dev.seedling.eval.vqa;

import dev.seedling.eval.chat.ChatMessage;
import dev.seedling.eval.chat.ChatRequest;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the text-only request that asks a judge to grade predictions against a gold answer. The judge never sees the
 * image, as in SimpleQA and SimpleVQA. Immutable and thread-safe.
 */
public final class JudgePromptBuilder {
    private final Map<JudgePrompt, PromptTemplate> templates;

    private JudgePromptBuilder(Map<JudgePrompt, PromptTemplate> templates) {
        this.templates = Map.copyOf(templates);
    }

    /** The bundled judge prompts. */
    public static JudgePromptBuilder bundled() {
        Map<JudgePrompt, PromptTemplate> t = new EnumMap<>(JudgePrompt.class);
        for (JudgePrompt p : JudgePrompt.values()) {
            t.put(p, PromptTemplate.bundled(p.resource()));
        }
        return new JudgePromptBuilder(t);
    }

    public PromptTemplate template(JudgePrompt prompt) {
        return templates.get(prompt);
    }

    /**
     * The request grading {@code predictions} of {@code question} against {@code gold}.
     *
     * @throws IllegalArgumentException when there are no predictions, or several for the single-letter grader
     */
    public ChatRequest request(JudgePrompt prompt, String question, String gold, List<String> predictions) {
        if (predictions.isEmpty()) {
            throw new IllegalArgumentException("nothing to grade for question: " + question);
        }
        PromptTemplate t = templates.get(prompt);
        String text;
        if (!prompt.json()) {
            if (predictions.size() != 1) {
                throw new IllegalArgumentException(prompt + " grades one prediction per call, not "
                        + predictions.size());
            }
            text = t.fill(Map.of("question", question, "gold", gold, "prediction", predictions.get(0)));
        } else {
            StringBuilder preds = new StringBuilder();
            StringBuilder format = new StringBuilder("{");
            String labels = prompt == JudgePrompt.SIMPLEVQA_CN_JSON_MULTI ? "正确|错误|未尝试"
                    : "CORRECT|INCORRECT|NOT_ATTEMPTED";
            String colon = prompt == JudgePrompt.SIMPLEVQA_CN_JSON_MULTI ? "：" : ": ";
            for (int i = 0; i < predictions.size(); i++) {
                preds.append(prompt.predictionKey(i)).append(colon).append(predictions.get(i)).append('\n');
                format.append(i == 0 ? "" : ", ").append('"').append(prompt.predictionKey(i)).append("\": \"")
                        .append(labels).append('"');
            }
            text = t.fill(Map.of("question", question, "gold", gold, "predictions", preds.toString().strip(),
                    "format", format.append('}').toString()));
        }
        return new ChatRequest(List.of(ChatMessage.user(text)), 0.0, 256, null);
    }
}
