package dev.seedling.eval.local;

import dev.seedling.eval.chat.ChatMessage;
import dev.seedling.eval.chat.ChatModelException;
import dev.seedling.eval.chat.ChatRequest;
import dev.seedling.eval.chat.ChatResponse;
import dev.seedling.eval.chat.ContentPart;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalChatModelTest {
    private final LocalModel tiny = TinyLocalModels.tiny();
    private final LocalChatModel chat = new LocalChatModel(tiny, "seedling:tiny");

    @Test
    void rendersTheServerTemplate() {
        assertThat(ChatTemplate.render(List.of(ChatMessage.system("Be brief."), ChatMessage.user("Question: q"),
                ChatMessage.assistant("What<d>0"), ChatMessage.user("Question: r"))))
                .isEqualTo("system: Be brief.\nuser: Question: q\nassistant: What<d>0\nuser: Question: r\nassistant:");
        assertThat(ChatTemplate.reply("What<d>0")).isEqualTo(" What<d>0\n");
    }

    @Test
    void aLongPromptKeepsItsEndAndLeavesTheReplyItsRoom() {
        ChatRequest request = new ChatRequest(List.of(ChatMessage.system("describe the facts ".repeat(200)),
                ChatMessage.user("Question: Who visited China?")), 0, 40, null);
        int[] full = tiny.tokenizer().encode(ChatTemplate.render(request.messages()));
        int[] ids = chat.promptIds(request);
        assertThat(chat.replyRoom(40)).isEqualTo(40);
        assertThat(chat.replyRoom(1000)).isEqualTo(64);   // half of the 128 positions
        assertThat(ids).hasSize(128 - 40).containsExactly(Arrays.copyOfRange(full, full.length - 88, full.length));
        assertThat(tiny.tokenizer().decode(ids)).endsWith("user: Question: Who visited China?\nassistant:");
        ChatRequest small = new ChatRequest(List.of(ChatMessage.user("hi")), 0, 40, null);
        assertThat(chat.promptIds(small)).containsExactly(tiny.tokenizer().encode("user: hi\nassistant:"));
    }

    @Test
    void greedyRepliesAreDeterministicAndWithinBudget() {
        ChatRequest request = new ChatRequest(List.of(ChatMessage.user("Question: Who visited China?")), 0, 12, null);
        ChatResponse a = chat.complete(request);
        ChatResponse b = chat.complete(request);
        assertThat(a.text()).isEqualTo(b.text());
        assertThat(a.model()).isEqualTo("seedling:tiny");
        assertThat(a.promptTokens()).isEqualTo(chat.promptIds(request).length);
        assertThat(a.completionTokens()).isBetween(0, 12);
        for (String stop : ChatTemplate.STOPS) {
            assertThat(a.text()).doesNotContain(stop);
        }
    }

    @Test
    void imagesAreRefusedForGood() {
        ChatRequest request = ChatRequest.of(List.of(new ChatMessage(ChatMessage.Role.USER,
                List.of(new ContentPart.Text("what is this?"), new ContentPart.Image(new byte[]{1}, "image/png")))));
        assertThatThrownBy(() -> chat.complete(request)).isInstanceOf(ChatModelException.class)
                .hasMessageContaining("only text").satisfies(e -> assertThat(((ChatModelException) e).retryable())
                        .isFalse());
    }
}
