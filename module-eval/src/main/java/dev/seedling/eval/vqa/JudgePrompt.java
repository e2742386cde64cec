package dev.seedling.eval.vqa;

/** The judge prompts and how their output is read. */
public enum JudgePrompt {
    /** The SimpleQA grader in English, answering one letter A/B/C for one prediction. */
    SIMPLEQA_EN_LETTER("judge_simpleqa_en_letter", false),
    /** The SimpleVQA grader in Chinese, answering JSON {"预测答案0": "正确|错误|未尝试", ...} for several predictions. */
    SIMPLEVQA_CN_JSON_MULTI("judge_simplevqa_cn_json", true),
    /** Our English port of the SimpleVQA grader, keeping its image examples; JSON {"prediction0": "CORRECT", ...}. */
    SIMPLEVQA_EN_JSON_MULTI("judge_simplevqa_en_json", true);

    private final String resource;
    private final boolean json;

    JudgePrompt(String resource, boolean json) {
        this.resource = resource;
        this.json = json;
    }

    String resource() {
        return resource;
    }

    /** Whether the judge answers in the multi-prediction JSON form. */
    public boolean json() {
        return json;
    }

    /** The key the JSON graders use for prediction {@code index}. */
    public String predictionKey(int index) {
        return (this == SIMPLEVQA_CN_JSON_MULTI ? "预测答案" : "prediction") + index;
    }
}
