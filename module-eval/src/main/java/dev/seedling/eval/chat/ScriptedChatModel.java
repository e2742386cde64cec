package dev.seedling.eval.chat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A deterministic {@link ChatModel} for tests and offline demos: replies come from a function of the request or from
 * a queue of canned texts. Every request is recorded, in arrival order, for assertions.
 *
 * <p>The reply function may throw {@link ChatModelException} to simulate a failing endpoint. Thread-safe; when
 * several threads call a queue-backed model at once, which caller gets which reply follows arrival order.
 */
public final class ScriptedChatModel implements ChatModel {
    private final String name;
    private final Function<ChatRequest, String> replies;
    private final List<ChatRequest> requests = new ArrayList<>();

    private ScriptedChatModel(String name, Function<ChatRequest, String> replies) {
        this.name = Objects.requireNonNull(name, "name");
        this.replies = Objects.requireNonNull(replies, "replies");
    }

    /** A model whose reply to each request is {@code replies.apply(request)}. */
    public static ScriptedChatModel replying(String name, Function<ChatRequest, String> replies) {
        return new ScriptedChatModel(name, replies);
    }

    /**
     * A model that returns {@code replies} in order, one per request, and then fails with a non-retryable
     * {@link ChatModelException} naming how many replies it had.
     */
    public static ScriptedChatModel fromQueue(String name, String... replies) {
        Deque<String> queue = new ArrayDeque<>(Arrays.asList(replies));
        int total = replies.length;
        return new ScriptedChatModel(name, request -> {
            String next = queue.pollFirst();
            if (next == null) {
                throw new ChatModelException("scripted model " + name + " ran out of its " + total + " replies",
                        false);
            }
            return next;
        });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized ChatResponse complete(ChatRequest request) {
        requests.add(request);
        return ChatResponse.of(replies.apply(request), name);
    }

    /** The requests received so far, oldest first (a snapshot). */
    public synchronized List<ChatRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public String toString() {
        return "ScriptedChatModel[" + name + "]";
    }
}
