package dev.seedling.eval.local;

import dev.seedling.eval.chat.ChatMessage;
import dev.seedling.eval.chat.ChatModel;
import dev.seedling.eval.chat.ChatModelException;
import dev.seedling.eval.chat.ChatRequest;
import dev.seedling.eval.chat.ChatResponse;
import dev.seedling.eval.chat.ContentPart;
import dev.seedling.models.generate.SamplingOptions;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link ChatModel} that generates in process with a Seedling model: the conversation is rendered with the
 * {@link ChatTemplate}, tokenised, and continued by {@link TextGeneration} until the end-of-sequence token, a new
 * turn, the request's {@code maxTokens} or the model's context.
 *
 * <p><b>Context budget.</b> The reply may use {@link #replyRoom} tokens, {@code min(maxTokens, maxSeqLen / 2)}; a
 * prompt longer than the rest of the context keeps its <i>last</i> tokens (the question and the reply cue), dropping
 * the start (the instructions and the oldest demos). {@link #promptIds} is that rule; fine-tuning builds its
 * examples with it so that a model is trained on exactly the prompts it later sees.
 *
 * <p>Temperature 0 is greedy decoding; otherwise sampling is seeded by the request's seed (0 without one), so equal
 * requests get equal replies. Calls are serialised on the model, so the adapter is thread-safe but not concurrent.
 */
public final class LocalChatModel implements ChatModel {
    private final LocalModel local;
    private final String name;

    /** A chat model over {@code local}, reporting itself as {@code name} (e.g. {@code seedling:DIR}). */
    public LocalChatModel(LocalModel local, String name) {
        this.local = Objects.requireNonNull(local, "local");
        this.name = Objects.requireNonNull(name, "name");
        if (local.model().config().maxSeqLen() < 2) {
            throw new IllegalArgumentException("a chat model needs a context of at least 2 positions but "
                    + name + " has " + local.model().config().maxSeqLen());
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** How many tokens a reply to a request with {@code maxTokens} may use: {@code min(maxTokens, maxSeqLen / 2)}. */
    public int replyRoom(int maxTokens) {
        return Math.min(maxTokens, local.model().config().maxSeqLen() / 2);
    }

    /** The prompt ids of {@code request} as {@link #complete} feeds them: rendered, tokenised, cut to the budget. */
    public int[] promptIds(ChatRequest request) {
        int[] ids = local.tokenizer().encode(ChatTemplate.render(request.messages()));
        int budget = local.model().config().maxSeqLen() - replyRoom(request.maxTokens());
        return ids.length <= budget ? ids : Arrays.copyOfRange(ids, ids.length - budget, ids.length);
    }

    /**
     * {@inheritDoc}
     *
     * @throws ChatModelException (not retryable) when a message holds an image: these models read text only
     */
    @Override
    public ChatResponse complete(ChatRequest request) {
        for (ChatMessage m : request.messages()) {
            if (m.parts().stream().anyMatch(p -> !(p instanceof ContentPart.Text))) {
                throw new ChatModelException(name + " accepts only text parts, but a " + m.role() + " message has "
                        + "an image", false);
            }
        }
        int[] prompt = promptIds(request);
        Set<Integer> eos = local.tokenizer().specialTokens().isEmpty() ? Set.of() : Set.of(local.tokenizer().eosId());
        var options = new SamplingOptions(replyRoom(request.maxTokens()), (float) request.temperature(), 0, 1f,
                request.seed() == null ? 0 : request.seed(), eos);
        String text;
        synchronized (local.model()) {
            text = TextGeneration.generate(local.model(), local.tokenizer(), prompt, options, ChatTemplate.STOPS,
                    piece -> { });
        }
        int completion = local.tokenizer().encode(text).length;
        return new ChatResponse(text.strip(), name, prompt.length, completion);
    }
}
