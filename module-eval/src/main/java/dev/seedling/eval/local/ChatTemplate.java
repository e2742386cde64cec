package dev.seedling.eval.local;

import dev.seedling.eval.chat.ChatMessage;

import java.util.List;
import java.util.Locale;

/**
 * The plain-text chat template of Seedling models, shared by {@code seedling serve} and {@link LocalChatModel}: each
 * message is a line {@code "<role>: <content>\n"} ({@code system}, {@code user} or {@code assistant}), and the
 * prompt ends with {@link #REPLY_CUE} for the model to continue. Generation stops at the first {@link #STOPS} string
 * (a new turn). A fine-tuning example is the rendered prompt followed by {@link #reply} of the wanted answer.
 * Stateless.
 */
public final class ChatTemplate {
    /** What the prompt ends with: the model writes the assistant's turn after it. */
    public static final String REPLY_CUE = "assistant:";
    /** Strings that start a new turn; generated text is cut before the first of them. */
    public static final List<String> STOPS = List.of("\nuser:", "\nsystem:", "\nassistant:");

    private ChatTemplate() {
    }

    /** One turn: {@code "<role>: <content>\n"}. */
    public static String turn(String role, String content) {
        return role + ": " + content + "\n";
    }

    /** The prompt for {@code messages}: their turns (text parts only), then {@link #REPLY_CUE}. */
    public static String render(List<ChatMessage> messages) {
        StringBuilder sb = new StringBuilder();
        for (ChatMessage m : messages) {
            sb.append(turn(m.role().name().toLowerCase(Locale.ROOT), m.text()));
        }
        return sb.append(REPLY_CUE).toString();
    }

    /**
     * The text a model should write after {@link #REPLY_CUE} to answer {@code content}: a space, the content and
     * the newline that ends the turn (the end-of-sequence token follows it in training).
     */
    public static String reply(String content) {
        return " " + content + "\n";
    }
}
