package dev.seedling.eval.vqa;

import dev.seedling.data.vqa.VqaLanguage;
import dev.seedling.eval.chat.ChatModel;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Judge} that asks a chat model with the grader prompt {@link JudgeChoice} picks for the item's language and
 * reads the reply with {@link JudgeGradeParser}. Thread-safe when the model is.
 */
public final class ChatJudge implements Judge {
    private final ChatModel model;
    private final JudgeChoice choice;
    private final JudgePromptBuilder prompts;
    private final JudgeGradeParser parser = new JudgeGradeParser();

    public ChatJudge(ChatModel model, JudgeChoice choice, JudgePromptBuilder prompts) {
        this.model = Objects.requireNonNull(model, "model");
        this.choice = Objects.requireNonNull(choice, "choice");
        this.prompts = Objects.requireNonNull(prompts, "prompts");
    }

    @Override
    public String name() {
        return model.name();
    }

    @Override
    public JudgeVerdict grade(String question, String gold, String prediction, VqaLanguage language) {
        JudgePrompt prompt = choice.promptFor(language);
        String output = Objects.requireNonNullElse(
                model.complete(prompts.request(prompt, question, gold, List.of(prediction))).text(), "");
        ParsedGrade grade = prompt.json() ? parser.parseMulti(output, 1).get(0) : parser.parse(output);
        return new JudgeVerdict(grade, output, prompts.template(prompt).id());
    }
}
