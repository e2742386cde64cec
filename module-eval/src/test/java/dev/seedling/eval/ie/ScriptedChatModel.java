package dev.seedling.eval.ie;

import dev.seedling.eval.chat.ChatModel;
import dev.seedling.eval.chat.ChatModelException;
import dev.seedling.eval.chat.ChatRequest;
import dev.seedling.eval.chat.ChatResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic chat model for tests: replies with the script entry whose key occurs in the last message, in
 * insertion order; a null reply throws a retryable {@link ChatModelException}. Unscripted prompts fail the test.
 */
public final class ScriptedChatModel implements ChatModel {
    private final String name;
    private final Map<String, String> script = new LinkedHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> prompts = new ArrayList<>();

    public ScriptedChatModel(String name) {
        this.name = name;
    }

    /** Replies {@code reply} (or fails when null) to prompts containing {@code key}. */
    public ScriptedChatModel on(String key, String reply) {
        script.put(key, reply);
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized ChatResponse complete(ChatRequest request) {
        calls.incrementAndGet();
        String prompt = request.messages().get(request.messages().size() - 1).text();
        prompts.add(prompt);
        for (Map.Entry<String, String> e : script.entrySet()) {
            if (prompt.contains(e.getKey())) {
                if (e.getValue() == null) {
                    throw new ChatModelException(name + ": scripted failure for '" + e.getKey() + "'", true);
                }
                return ChatResponse.of(e.getValue(), name);
            }
        }
        throw new AssertionError("no scripted reply for prompt:\n" + prompt);
    }

    /** How many requests were made. */
    public int calls() {
        return calls.get();
    }

    /** The prompts received, in order. */
    public synchronized List<String> prompts() {
        return List.copyOf(prompts);
    }
}
