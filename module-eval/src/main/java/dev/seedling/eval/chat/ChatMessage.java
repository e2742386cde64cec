package dev.seedling.eval.chat;

import java.util.List;
import java.util.Objects;

/** One turn of a conversation: a role and its content parts (text and images, in order). */
public record ChatMessage(Role role, List<ContentPart> parts) {
    /** Who speaks. */
    public enum Role { SYSTEM, USER, ASSISTANT }

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a chat message needs at least one part");
        }
    }

    public static ChatMessage system(String text) {
        return new ChatMessage(Role.SYSTEM, List.of(new ContentPart.Text(text)));
    }

    public static ChatMessage user(String text) {
        return new ChatMessage(Role.USER, List.of(new ContentPart.Text(text)));
    }

    public static ChatMessage assistant(String text) {
        return new ChatMessage(Role.ASSISTANT, List.of(new ContentPart.Text(text)));
    }

    /** The concatenated text parts (images omitted). */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (ContentPart p : parts) {
            if (p instanceof ContentPart.Text t) {
                sb.append(t.text());
            }
        }
        return sb.toString();
    }
}
