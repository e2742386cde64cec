package dev.seedling.eval.chat;

/**
 * A model that answers a conversation: the answering model of an evaluation, or its judge. Implementations must be
 * safe to call from several threads at once (pipelines run items concurrently) and must never log credentials.
 */
public interface ChatModel {
    /** A short name for reports and run manifests, e.g. {@code gpt-4o@https://host/v1} or {@code seedling:DIR}. */
    String name();

    /**
     * Sends the conversation and returns the model's reply.
     *
     * @throws ChatModelException when the model cannot answer (after the implementation's own retries); the
     *                            exception says whether a later retry may succeed
     */
    ChatResponse complete(ChatRequest request);
}
