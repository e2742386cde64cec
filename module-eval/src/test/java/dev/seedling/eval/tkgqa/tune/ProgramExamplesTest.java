package dev.seedling.eval.tkgqa.tune;

import dev.seedling.eval.chat.ChatMessage;
import dev.seedling.eval.chat.ChatRequest;
import dev.seedling.eval.local.ChatTemplate;
import dev.seedling.eval.local.LocalChatModel;
import dev.seedling.eval.local.LocalModel;
import dev.seedling.eval.local.TinyLocalModels;
import dev.seedling.models.train.Batch;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProgramExamplesTest {
    private static final long I = ProgramExamples.IGNORE;

    @Test
    void targetsCoverOnlyTheReplyAndPaddingIsIgnored() {
        var a = new ProgramExamples.Example(new int[]{5, 6, 7}, new int[]{8, 9, 1});
        var b = new ProgramExamples.Example(new int[]{5}, new int[]{8, 1});
        Batch batch = ProgramExamples.batch(List.of(a, b));
        assertThat(batch.inputs().dims()).containsExactly(2, 5);
        // sequence a = 5 6 7 8 9 1: inputs drop the last id, targets predict 8 9 1 only
        assertThat(batch.inputs().toLongArray()).containsExactly(5, 6, 7, 8, 9, /* b */ 5, 8, 0, 0, 0);
        assertThat(batch.targets().toLongArray()).containsExactly(I, I, 8, 9, 1, /* b */ 8, 1, I, I, I);
    }

    @Test
    void batchesCycleInOrderSeekExactlyAndValidationSeesEachExampleOnce() {
        List<ProgramExamples.Example> examples = List.of(ex(1), ex(2), ex(3));
        ProgramExamples data = new ProgramExamples(examples, 2);
        long[] first = data.next().inputs().toLongArray();    // examples 1, 2
        long[] second = data.next().inputs().toLongArray();   // examples 3, 1
        assertThat(first).containsExactly(1, 9, 2, 9);
        assertThat(second).containsExactly(3, 9, 1, 9);
        assertThat(data.position()).isEqualTo(2);
        data.seek(1);
        assertThat(data.next().inputs().toLongArray()).containsExactly(second);
        assertThat(data.validation()).hasSize(2);
        assertThat(data.validation().get(1).inputs().toLongArray()).containsExactly(3, 9);
        assertThatThrownBy(() -> new ProgramExamples(List.of(), 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one example");
    }

    @Test
    void anExampleIsTheChatPromptFollowedByTheProgramAndTheEndOfSequence() {
        LocalModel tiny = TinyLocalModels.tiny();
        LocalChatModel chat = new LocalChatModel(tiny, "tiny");
        ChatRequest request = new ChatRequest(List.of(ChatMessage.user("Question: Who visited China?")), 0, 64, null);
        var e = ProgramExamples.example(chat, tiny.tokenizer(), request, "Find<i>China\nWhat<d>0").orElseThrow();
        assertThat(e.prompt()).containsExactly(chat.promptIds(request));
        assertThat(tiny.tokenizer().decode(e.reply())).isEqualTo(ChatTemplate.reply("Find<i>China\nWhat<d>0")
                + "<|endoftext|>");
        ChatRequest tight = new ChatRequest(request.messages(), 0, 3, null);
        assertThat(ProgramExamples.example(chat, tiny.tokenizer(), tight, "Find<i>China\nWhat<d>0")).isEmpty();
    }

    private static ProgramExamples.Example ex(int id) {
        return new ProgramExamples.Example(new int[]{id}, new int[]{9, 0});
    }
}
