package dev.seedling.eval.vqa;

import dev.seedling.data.vqa.VqaImage;
import dev.seedling.data.vqa.VqaLanguage;
import dev.seedling.eval.chat.ChatMessage;
import dev.seedling.eval.chat.ChatRequest;
import dev.seedling.eval.chat.ContentPart;
import java.util.List;
import java.util.Map;

/**
 * Builds the request that asks the model under test a SimpleVQA question: one user message holding the image and
 * then the prompt, in the item's language, plain or with the calibration instructions (answer and a 0–100 confidence
 * as JSON). The bundled wording follows the paper's prompts (the expert-role instruction and the single named entity
 * constraint); official wording can be substituted with {@link #withTemplates}. Immutable and thread-safe.
 */
public final class AnswerPromptBuilder {
    private final PromptTemplate en;
    private final PromptTemplate cn;
    private final PromptTemplate enConfidence;
    private final PromptTemplate cnConfidence;
    private final int maxTokens;

    private AnswerPromptBuilder(PromptTemplate en, PromptTemplate cn, PromptTemplate enConfidence,
            PromptTemplate cnConfidence, int maxTokens) {
        this.en = en;
        this.cn = cn;
        this.enConfidence = enConfidence;
        this.cnConfidence = cnConfidence;
        this.maxTokens = maxTokens;
    }

    /** The bundled prompts ({@code answer_en}, {@code answer_cn} and their {@code _confidence} variants). */
    public static AnswerPromptBuilder bundled() {
        return new AnswerPromptBuilder(PromptTemplate.bundled("answer_en"), PromptTemplate.bundled("answer_cn"),
                PromptTemplate.bundled("answer_en_confidence"), PromptTemplate.bundled("answer_cn_confidence"), 512);
    }

    /** The same builder with other templates; each must contain {@code {question}}. */
    public AnswerPromptBuilder withTemplates(PromptTemplate en, PromptTemplate cn, PromptTemplate enConfidence,
            PromptTemplate cnConfidence) {
        return new AnswerPromptBuilder(en, cn, enConfidence, cnConfidence, maxTokens);
    }

    /** The template used for a language and mode. */
    public PromptTemplate template(VqaLanguage language, boolean withConfidence) {
        return switch (language) {
            case EN -> withConfidence ? enConfidence : en;
            case CN -> withConfidence ? cnConfidence : cn;
        };
    }

    /** All four templates, for the run manifest. */
    public List<PromptTemplate> templates() {
        return List.of(en, cn, enConfidence, cnConfidence);
    }

    /** The greedy request asking {@code question} about {@code image} in {@code language}. */
    public ChatRequest request(VqaImage image, VqaLanguage language, String question, boolean withConfidence) {
        String text = template(language, withConfidence).fill(Map.of("question", question));
        ChatMessage user = new ChatMessage(ChatMessage.Role.USER,
                List.of(new ContentPart.Image(image.bytes(), image.mimeType()), new ContentPart.Text(text)));
        return new ChatRequest(List.of(user), 0.0, maxTokens, null);
    }
}
