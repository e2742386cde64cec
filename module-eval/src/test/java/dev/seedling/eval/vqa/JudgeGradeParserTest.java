package dev.seedling.eval.vqa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JudgeGradeParserTest {
    private final JudgeGradeParser parser = new JudgeGradeParser();

    private Grade grade(String output) {
        ParsedGrade g = parser.parse(output);
        assertThat(g.parseFailed()).as("parse failure for %s", output).isFalse();
        return g.grade();
    }

    @Test
    void wordCorrectIsCorrectNotTheLetterC() {
        // simple-evals' re.search(r"(A|B|C)") would read the C of CORRECT and grade NOT_ATTEMPTED
        assertThat(grade("CORRECT")).isEqualTo(Grade.CORRECT);
        assertThat(grade("Correct.")).isEqualTo(Grade.CORRECT);
    }

    @Test
    void wordIncorrectAndNotAttemptedAreNotReadAsCorrect() {
        assertThat(grade("INCORRECT")).isEqualTo(Grade.INCORRECT);
        assertThat(grade("NOT_ATTEMPTED")).isEqualTo(Grade.NOT_ATTEMPTED);
        assertThat(grade("not attempted")).isEqualTo(Grade.NOT_ATTEMPTED);
        assertThat(grade("The prediction is INCORRECT because it names another city."))
                .isEqualTo(Grade.INCORRECT);
    }

    @Test
    void standaloneLettersWithDecorationAreRead() {
        assertThat(grade("A")).isEqualTo(Grade.CORRECT);
        assertThat(grade("**B**")).isEqualTo(Grade.INCORRECT);
        assertThat(grade(" C: NOT_ATTEMPTED")).isEqualTo(Grade.NOT_ATTEMPTED);
        assertThat(grade("Grade: B")).isEqualTo(Grade.INCORRECT);
        assertThat(parser.parse("A").method()).isEqualTo(ParsedGrade.Method.LETTER);
    }

    @Test
    void chineseLabelsAreRead() {
        assertThat(grade("正确")).isEqualTo(Grade.CORRECT);
        assertThat(grade("【错误】")).isEqualTo(Grade.INCORRECT);
        assertThat(grade("未尝试。")).isEqualTo(Grade.NOT_ATTEMPTED);
        assertThat(grade("预测答案不正确，与标准答案矛盾")).isEqualTo(Grade.INCORRECT);
    }

    @Test
    void fencedJsonMissingItsClosingBraceIsRead() {
        List<ParsedGrade> g = parser.parseMulti("```json\n{\"预测答案0\": \"正确\"\n```", 1);

        assertThat(g).containsExactly(new ParsedGrade(Grade.CORRECT, false, ParsedGrade.Method.JSON));
    }

    @Test
    void multiGradesAreReadByIndexAndMissingOnesCountAsFailures() {
        List<ParsedGrade> g = parser.parseMulti(
                "{\"预测答案1\": \"错误\", \"预测答案0\": {\"conclusion\": \"**正确**\"}, \"预测答案2\": \"未尝", 4);

        assertThat(g).extracting(ParsedGrade::grade).containsExactly(Grade.CORRECT, Grade.INCORRECT,
                Grade.NOT_ATTEMPTED, Grade.NOT_ATTEMPTED);
        assertThat(g).extracting(ParsedGrade::parseFailed).containsExactly(false, false, true, true);
    }

    @Test
    void englishJsonPortAndTruncatedValuesAreRead() {
        List<ParsedGrade> g = parser.parseMulti("{\"prediction0\": \"NOT_ATTEMPTED\", \"prediction1\": \"CORRECT\"", 2);

        assertThat(g).extracting(ParsedGrade::grade).containsExactly(Grade.NOT_ATTEMPTED, Grade.CORRECT);
    }

    @Test
    void unreadableOutputIsNotAttemptedAndFlaggedAsParseFailure() {
        for (String output : List.of("答案解析失败", "I am not sure what to say.", "", "{\"预测答案0\": \"maybe\"}")) {
            ParsedGrade g = parser.parse(output);
            assertThat(g.grade()).as(output).isEqualTo(Grade.NOT_ATTEMPTED);
            assertThat(g.parseFailed()).as(output).isTrue();
        }
    }

    @Test
    void nullOutputIsAParseFailure() {
        assertThat(parser.parse(null).parseFailed()).isTrue();
    }

    @Test
    void letterAloneOnTheLastLineAfterReasoningIsRead() {
        assertThat(grade("The prediction names the same city as the gold target.\n\n**A**")).isEqualTo(Grade.CORRECT);
    }

    @Test
    void unquotedNumberedChineseLinesAreReadByIndex() {
        List<ParsedGrade> g = parser.parseMulti("预测答案0：错误\n预测答案1：**正确**", 2);

        assertThat(g).extracting(ParsedGrade::grade).containsExactly(Grade.INCORRECT, Grade.CORRECT);
        assertThat(g).noneMatch(ParsedGrade::parseFailed);
    }

    @Test
    void latinLetterInsideChineseTextIsNotAGradeLetter() {
        assertThat(grade("预测答案：维生素C\n结论：错误")).isEqualTo(Grade.INCORRECT);
        assertThat(parser.parseMulti("预测答案0：不正确", 1).get(0).grade()).isEqualTo(Grade.INCORRECT);
        assertThat(grade("答案是 A")).isEqualTo(Grade.CORRECT);
    }
}
