package dev.seedling.eval.tkgqa.tune;

import dev.seedling.data.tokenizer.Tokenizer;
import dev.seedling.eval.chat.ChatRequest;
import dev.seedling.eval.local.ChatTemplate;
import dev.seedling.eval.local.LocalChatModel;
import dev.seedling.models.train.Batch;
import dev.seedling.models.train.TrainingData;
import dev.seedling.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Verified (prompt, program) pairs as {@link TrainingData} for supervised fine-tuning. An example is the sequence
 * {@code prompt ++ reply}, where the prompt ids are what {@link LocalChatModel#promptIds} feeds the model for the
 * draft request and the reply is {@link ChatTemplate#reply} of the program followed by the end-of-sequence id. Inputs
 * are the sequence without its last id and targets the sequence shifted by one; every target that predicts a prompt
 * id is -100 (ignored), so the loss counts only the program tokens and the end of the turn.
 *
 * <p>Batches take {@code batchSize} examples in order, cycling through the list (batch {@code k} starts at example
 * {@code k * batchSize mod n}), right-padded to the longest with input 0 and target -100; as attention is causal,
 * padding never changes the loss. The position is the number of batches served, so seeking is exact. The validation
 * batches are all examples once, in order: their mean loss is the loss on the kept examples.
 */
public final class ProgramExamples implements TrainingData {
    /** The ignored target id (the cross-entropy default). */
    public static final long IGNORE = -100;

    /**
     * One tokenised example.
     *
     * @param prompt the prompt ids, as the chat model feeds them
     * @param reply  the program's reply ids, ending with the end-of-sequence id
     */
    public record Example(int[] prompt, int[] reply) {
        public Example {
            if (prompt.length == 0 || reply.length == 0) {
                throw new IllegalArgumentException("an example needs prompt and reply ids but has " + prompt.length
                        + " and " + reply.length);
            }
        }

        /** Positions the example occupies as model input (the sequence without its last id). */
        public int inputLength() {
            return prompt.length + reply.length - 1;
        }
    }

    private final List<Example> examples;
    private final int batchSize;
    private long position;

    /**
     * Examples served {@code batchSize} at a time.
     *
     * @throws IllegalArgumentException when there are no examples or {@code batchSize} is not positive
     */
    public ProgramExamples(List<Example> examples, int batchSize) {
        this.examples = List.copyOf(examples);
        if (this.examples.isEmpty() || batchSize <= 0) {
            throw new IllegalArgumentException("fine-tuning needs at least one example and a positive batch size but"
                    + " has " + this.examples.size() + " examples and batch size " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /**
     * The example teaching {@code chat}'s model to answer {@code request} with {@code program}, or empty when the
     * reply does not fit the room the chat model leaves a reply ({@link LocalChatModel#replyRoom}): such a program
     * could never be generated whole.
     */
    public static Optional<Example> example(LocalChatModel chat, Tokenizer tokenizer, ChatRequest request,
                                            String program) {
        int[] text = tokenizer.encode(ChatTemplate.reply(program));
        if (text.length + 1 > chat.replyRoom(request.maxTokens())) {
            return Optional.empty();
        }
        int[] reply = Arrays.copyOf(text, text.length + 1);
        reply[text.length] = tokenizer.eosId();
        return Optional.of(new Example(chat.promptIds(request), reply));
    }

    /** How many examples there are. */
    public int size() {
        return examples.size();
    }

    @Override
    public Batch next() {
        int n = examples.size();
        int take = Math.min(batchSize, n);
        List<Example> batch = new ArrayList<>(take);
        long start = position++ * batchSize;
        for (int j = 0; j < take; j++) {
            batch.add(examples.get((int) ((start + j) % n)));
        }
        return batch(batch);
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void seek(long position) {
        this.position = position;
    }

    @Override
    public List<Batch> validation() {
        List<Batch> out = new ArrayList<>();
        for (int from = 0; from < examples.size(); from += batchSize) {
            out.add(batch(examples.subList(from, Math.min(examples.size(), from + batchSize))));
        }
        return out;
    }

    /** Inputs and program-only targets of {@code batch}, right-padded. */
    static Batch batch(List<Example> batch) {
        int width = batch.stream().mapToInt(Example::inputLength).max().orElseThrow();
        long[] inputs = new long[batch.size() * width];
        long[] targets = new long[batch.size() * width];
        Arrays.fill(targets, IGNORE);
        for (int b = 0; b < batch.size(); b++) {
            Example e = batch.get(b);
            int[] seq = new int[e.prompt().length + e.reply().length];
            System.arraycopy(e.prompt(), 0, seq, 0, e.prompt().length);
            System.arraycopy(e.reply(), 0, seq, e.prompt().length, e.reply().length);
            for (int t = 0; t < seq.length - 1; t++) {
                inputs[b * width + t] = seq[t];
                if (t + 1 >= e.prompt().length) {
                    targets[b * width + t] = seq[t + 1];
                }
            }
        }
        return new Batch(Tensor.ofLongs(inputs, batch.size(), width), Tensor.ofLongs(targets, batch.size(), width));
    }
}
