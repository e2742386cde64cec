package dev.seedling.eval.vqa;

/** A judge's verdict on one answer, with its SimpleQA letter and its SimpleVQA Chinese label. */
public enum Grade {
    CORRECT("A", "正确"),
    INCORRECT("B", "错误"),
    NOT_ATTEMPTED("C", "未尝试");

    private final String letter;
    private final String chineseLabel;

    Grade(String letter, String chineseLabel) {
        this.letter = letter;
        this.chineseLabel = chineseLabel;
    }

    /** {@code A}, {@code B} or {@code C}, as the SimpleQA grader answers. */
    public String letter() {
        return letter;
    }

    /** 正确, 错误 or 未尝试, as the SimpleVQA grader answers. */
    public String chineseLabel() {
        return chineseLabel;
    }
}
