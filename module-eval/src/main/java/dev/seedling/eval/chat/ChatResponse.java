package dev.seedling.eval.chat;

/**
 * A model's reply.
 *
 * @param text             the reply text
 * @param model            the model that answered, as it reports itself
 * @param promptTokens     tokens in the prompt, or -1 if unknown
 * @param completionTokens tokens in the reply, or -1 if unknown
 */
public record ChatResponse(String text, String model, int promptTokens, int completionTokens) {
    public static ChatResponse of(String text, String model) {
        return new ChatResponse(text, model, -1, -1);
    }
}
