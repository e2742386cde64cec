package dev.seedling.eval.vqa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedling.data.vqa.VqaImage;
import dev.seedling.data.vqa.VqaLanguage;
import dev.seedling.eval.chat.ChatRequest;
import dev.seedling.eval.chat.ContentPart;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptBuildersTest {
    private final VqaImage image = new VqaImage.InMemory(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png");

    @Test
    void answerRequestPutsTheImageBeforeTheQuestion() {
        ChatRequest r = AnswerPromptBuilder.bundled().request(image, VqaLanguage.EN, "Who is this?", false);

        var parts = r.messages().get(0).parts();
        assertThat(parts.get(0)).isInstanceOfSatisfying(ContentPart.Image.class,
                img -> assertThat(img.bytes()).isSameAs(image.bytes()));
        assertThat(((ContentPart.Text) parts.get(1)).text()).contains("[Who is this?]")
                .contains("short named entity");
        assertThat(r.temperature()).isZero();
    }

    @Test
    void calibrationVariantAsksForJsonWithConfidenceInBothLanguages() {
        AnswerPromptBuilder b = AnswerPromptBuilder.bundled();

        assertThat(b.request(image, VqaLanguage.CN, "谁？", true).messages().get(0).text())
                .contains("[谁？]").contains("\"confidence_score\"").contains("置信度");
        assertThat(b.request(image, VqaLanguage.EN, "Who?", true).messages().get(0).text())
                .contains("\"confidence_score\"").contains("0 to 100");
        assertThat(b.template(VqaLanguage.CN, false).id()).isEqualTo("answer_cn");
    }

    @Test
    void letterJudgeGetsOnePredictionAndAsksForALetter() {
        String text = JudgePromptBuilder.bundled().request(JudgePrompt.SIMPLEQA_EN_LETTER, "Q?", "Paris",
                List.of("paris")).messages().get(0).text();

        assertThat(text).contains("Question: Q?\nGold target: Paris\nPredicted answer: paris")
                .contains("A: CORRECT").contains("Just return the letter");
        assertThatThrownBy(() -> JudgePromptBuilder.bundled().request(JudgePrompt.SIMPLEQA_EN_LETTER, "Q?", "P",
                List.of("a", "b"))).hasMessageContaining("one prediction per call");
    }

    @Test
    void chineseJudgeNumbersSeveralPredictionsAndShowsTheJsonShape() {
        String text = JudgePromptBuilder.bundled().request(JudgePrompt.SIMPLEVQA_CN_JSON_MULTI, "图中是哪里？", "天坛",
                List.of("祈年殿", "故宫")).messages().get(0).text();

        assertThat(text).contains("标准答案：天坛\n预测答案0：祈年殿\n预测答案1：故宫")
                .contains("{\"预测答案0\": \"正确|错误|未尝试\", \"预测答案1\": \"正确|错误|未尝试\"}")
                .contains("我无法识别图中的人物");
    }

    @Test
    void templateFillRefusesMissingValuesAndKeepsLiteralBraces() {
        PromptTemplate t = PromptTemplate.of("t", "{\"a\": 1} {question}");

        assertThat(t.fill(Map.of("question", "{gold}"))).isEqualTo("{\"a\": 1} {gold}");
        assertThatThrownBy(() -> t.fill(Map.of())).hasMessageContaining("prompt t needs a value for {question}");
        assertThat(t.sha256()).isNotEqualTo(PromptTemplate.of("t", "other").sha256());
    }
}
