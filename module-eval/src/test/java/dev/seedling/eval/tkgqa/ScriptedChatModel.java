package dev.seedling.eval.tkgqa;

import dev.seedling.eval.chat.ChatMessage;
import dev.seedling.eval.chat.ChatModel;
import dev.seedling.eval.chat.ChatModelException;
import dev.seedling.eval.chat.ChatRequest;
import dev.seedling.eval.chat.ChatResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A deterministic chat model for tests: replies by the question in the last user message ("Question: ..."), throws
 * a retryable failure for questions marked so, and records every request.
 */
public final class ScriptedChatModel implements ChatModel {
    private final Map<String, String> replies = new HashMap<>();
    private final Map<String, Integer> transientFailures = new HashMap<>();
    private final List<ChatRequest> requests = new ArrayList<>();

    /** Replies {@code reply} whenever asked {@code question}. */
    public ScriptedChatModel reply(String question, String reply) {
        replies.put(question, reply);
        return this;
    }

    /** Fails retryably the next {@code times} times {@code question} is asked. */
    public ScriptedChatModel failTransiently(String question, int times) {
        transientFailures.put(question, times);
        return this;
    }

    /** Requests seen so far. */
    public synchronized List<ChatRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public synchronized ChatResponse complete(ChatRequest request) {
        requests.add(request);
        ChatMessage last = request.messages().get(request.messages().size() - 1);
        String question = last.text().replaceFirst("^Question: ", "");
        Integer left = transientFailures.get(question);
        if (left != null && left > 0) {
            transientFailures.put(question, left - 1);
            throw new ChatModelException("scripted: rate limited on '" + question + "'", true);
        }
        return ChatResponse.of(replies.getOrDefault(question, "I do not know."), "scripted");
    }
}
