package dev.seedling.eval.chat;

import java.util.List;

/**
 * A conversation to complete and the sampling settings.
 *
 * @param temperature 0 for greedy decoding (the default for evaluation)
 * @param maxTokens   upper bound on the reply length in tokens
 * @param seed        sampling seed where the model supports one, else null
 */
public record ChatRequest(List<ChatMessage> messages, double temperature, int maxTokens, Long seed) {
    public ChatRequest {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one message");
        }
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be positive but is " + maxTokens);
        }
    }

    /** Greedy decoding of a conversation, at most 1024 tokens. */
    public static ChatRequest of(List<ChatMessage> messages) {
        return new ChatRequest(messages, 0.0, 1024, null);
    }

    /** A single user message, greedy. */
    public static ChatRequest of(String userText) {
        return of(List.of(ChatMessage.user(userText)));
    }
}
