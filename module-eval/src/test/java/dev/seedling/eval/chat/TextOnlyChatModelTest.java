package dev.seedling.eval.chat;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextOnlyChatModelTest {
    @Test
    void imagesBecomeTheMarkerInPlaceAndTheNameSaysSo() {
        ScriptedChatModel inner = ScriptedChatModel.fromQueue("lm", "Paris");
        TextOnlyChatModel model = new TextOnlyChatModel(inner);
        ChatMessage user = new ChatMessage(ChatMessage.Role.USER, List.of(new ContentPart.Image(new byte[]{1, 2},
                "image/png"), new ContentPart.Text("Which city?")));
        ChatRequest request = new ChatRequest(List.of(ChatMessage.system("be brief"), user), 0.0, 7, 3L);

        assertThat(model.complete(request).text()).isEqualTo("Paris");
        ChatRequest sent = inner.requests().get(0);
        assertThat(sent.messages().get(1).parts()).containsExactly(new ContentPart.Text(TextOnlyChatModel.MARKER),
                new ContentPart.Text("Which city?"));
        assertThat(sent.messages().get(0).text()).isEqualTo("be brief");
        assertThat(sent.maxTokens()).isEqualTo(7);
        assertThat(sent.seed()).isEqualTo(3L);
        assertThat(model.name()).isEqualTo("lm (text-only)");
    }
}
