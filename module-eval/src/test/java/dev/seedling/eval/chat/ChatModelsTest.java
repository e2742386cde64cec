package dev.seedling.eval.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatModelsTest {
    @Test
    void urlWithFragmentOpensAnOpenAiClientForThatModel() {
        ChatModel model = ChatModels.open("http://127.0.0.1:8080/v1#Qwen/Qwen2.5-VL-7B-Instruct");

        assertThat(model).isInstanceOf(OpenAiChatModel.class);
        OpenAiChatConfig config = ((OpenAiChatModel) model).config();
        assertThat(config.model()).isEqualTo("Qwen/Qwen2.5-VL-7B-Instruct");
        assertThat(config.completionsUri()).isEqualTo(URI.create("http://127.0.0.1:8080/v1/chat/completions"));
        assertThat(config.apiKeyEnv()).isEqualTo("OPENAI_API_KEY");
    }

    @Test
    void keyVariableCanBeNamed() {
        OpenAiChatModel model = (OpenAiChatModel) ChatModels.open("https://api.example.com/v1/#gpt-4o", "MY_KEY");

        assertThat(model.config().apiKeyEnv()).isEqualTo("MY_KEY");
        assertThat(model.config().completionsUri()).hasToString("https://api.example.com/v1/chat/completions");
    }

    @Test
    void urlWithoutModelFragmentIsRejectedWithAHint() {
        assertThatThrownBy(() -> ChatModels.open("http://127.0.0.1:8080/v1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add '#MODEL'");
    }

    @Test
    void localDirectoryIsRejectedPointingToSeedlingServe(@TempDir Path dir) {
        assertThatThrownBy(() -> ChatModels.open(dir.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("directory")
                .hasMessageContaining("seedling serve");
    }

    @Test
    void anythingElseIsRejectedWithTheExpectedSyntax() {
        assertThatThrownBy(() -> ChatModels.open("ftp://host/v1#m"))
                .hasMessageContaining("http[s]://HOST[:PORT]/PATH#MODEL");
        assertThatThrownBy(() -> ChatModels.open("  ")).hasMessageContaining("empty model spec");
        assertThatThrownBy(() -> ChatModels.open("http://user:pw@host/v1#m")).hasMessageContaining("user info");
    }
}
