package dev.seedling.eval.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link ChatModel} for a model that reads text only (a Seedling language model, any text LLM): each image part of
 * a request is replaced by the text {@value #MARKER} before the request reaches {@code delegate}, so a multimodal
 * benchmark can run through it and still say, in every request and in its name, that the model did not see the image.
 * Its {@link #name()} is the delegate's with {@code " (text-only)"} appended, so run manifests keep the two apart.
 * Thread-safe when the delegate is.
 */
public final class TextOnlyChatModel implements ChatModel {
    /** What stands in for an image. */
    public static final String MARKER = "[image not shown: this model reads text only]\n";

    private final ChatModel delegate;

    /** Wraps {@code delegate}. */
    public TextOnlyChatModel(ChatModel delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public String name() {
        return delegate.name() + " (text-only)";
    }

    @Override
    public ChatResponse complete(ChatRequest request) {
        return delegate.complete(withoutImages(request));
    }

    /** {@code request} with every image part replaced by {@link #MARKER}; text parts and order are kept. */
    public static ChatRequest withoutImages(ChatRequest request) {
        List<ChatMessage> messages = new ArrayList<>();
        for (ChatMessage m : request.messages()) {
            List<ContentPart> parts = new ArrayList<>();
            for (ContentPart p : m.parts()) {
                parts.add(p instanceof ContentPart.Image ? new ContentPart.Text(MARKER) : p);
            }
            messages.add(new ChatMessage(m.role(), parts));
        }
        return new ChatRequest(messages, request.temperature(), request.maxTokens(), request.seed());
    }

    @Override
    public String toString() {
        return "TextOnlyChatModel[" + delegate + "]";
    }
}
