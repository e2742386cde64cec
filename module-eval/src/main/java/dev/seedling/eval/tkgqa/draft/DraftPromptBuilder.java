package dev.seedling.eval.tkgqa.draft;

import dev.seedling.eval.chat.ChatMessage;
import dev.seedling.eval.chat.ChatRequest;
import dev.seedling.eval.tkgqa.program.Operator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds the draft prompt: a system message describing the program language (every operator with its summary and
 * argument forms), then the selected demos of the question's category as user/assistant turns, then the question.
 * The paper uses 6 demos for MultiTQ and 8 for CronQuestions. Thread-safe if the pool is.
 */
public final class DraftPromptBuilder {
    private final DemoPool pool;
    private final int demos;
    private final int maxTokens;

    /**
     * @param demos     how many demos to show
     * @param maxTokens the reply budget of the request
     */
    public DraftPromptBuilder(DemoPool pool, int demos, int maxTokens) {
        this.pool = Objects.requireNonNull(pool, "pool");
        if (demos < 0 || maxTokens <= 0) {
            throw new IllegalArgumentException("demos must be >= 0 and maxTokens > 0 but are " + demos + ", " + maxTokens);
        }
        this.demos = demos;
        this.maxTokens = maxTokens;
    }

    /** The system message: the language and the output format. */
    public static String instructions() {
        StringBuilder sb = new StringBuilder("""
                Translate the question into a program over a temporal knowledge graph of facts \
                (subject, relation, object, time). Write one step per line as Function<i>text...<d>k..., where <i> \
                precedes each text argument and <d> precedes the index (from 0) of an earlier step whose value the \
                step uses. Times are YYYY, YYYY-MM or YYYY-MM-DD. The last step's value is the answer. Reply with the \
                program only.
                Functions:
                """);
        for (Operator op : Operator.values()) {
            sb.append("- ").append(op.koplName()).append(": ").append(op.summary()).append(" (");
            sb.append(String.join(" or ", op.signatures().stream().map(s -> s.describe()).toList())).append(")\n");
        }
        return sb.toString();
    }

    /** The request for {@code question} in {@code category}. */
    public ChatRequest build(String question, String category) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system(instructions()));
        for (Demo d : pool.select(category, question, demos)) {
            messages.add(ChatMessage.user("Question: " + d.question()));
            messages.add(ChatMessage.assistant(d.program().toLinear().strip()));
        }
        messages.add(ChatMessage.user("Question: " + question));
        return new ChatRequest(messages, 0.0, maxTokens, null);
    }
}
