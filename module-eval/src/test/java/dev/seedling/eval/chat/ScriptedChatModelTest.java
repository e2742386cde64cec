package dev.seedling.eval.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScriptedChatModelTest {
    @Test
    void queueRepliesInOrderThenFailsNamingItsSize() {
        ScriptedChatModel model = ScriptedChatModel.fromQueue("judge", "A", "B");

        assertThat(model.complete(ChatRequest.of("1")).text()).isEqualTo("A");
        assertThat(model.complete(ChatRequest.of("2")).text()).isEqualTo("B");
        assertThatThrownBy(() -> model.complete(ChatRequest.of("3")))
                .isInstanceOf(ChatModelException.class)
                .hasMessageContaining("ran out of its 2 replies");
        assertThat(model.requests()).extracting(r -> r.messages().get(0).text()).containsExactly("1", "2", "3");
    }

    @Test
    void functionSeesTheRequest() {
        ScriptedChatModel model = ScriptedChatModel.replying("echo", r -> r.messages().get(0).text().toUpperCase());

        assertThat(model.complete(ChatRequest.of("paris")).text()).isEqualTo("PARIS");
        assertThat(model.name()).isEqualTo("echo");
    }
}
