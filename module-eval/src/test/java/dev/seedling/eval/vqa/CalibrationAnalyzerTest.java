package dev.seedling.eval.vqa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationAnalyzerTest {
    @Test
    void eceWeighsEachBinsGapBetweenAccuracyAndConfidence() {
        var result = new CalibrationAnalyzer(10).analyze(List.of(
                new CalibrationAnalyzer.Point(90, true), new CalibrationAnalyzer.Point(90, false),
                new CalibrationAnalyzer.Point(100, true), new CalibrationAnalyzer.Point(30, false)));

        // bin [.9,1]: n=3, acc 2/3, conf (.9+.9+1)/3; bin [.3,.4): n=1, acc 0, conf .3
        // ECE = 3/4·|2/3 − 2.8/3| + 1/4·|0 − .3| = .2 + .075
        assertThat(result.ece()).isCloseTo(0.275, within(1e-12));
        assertThat(result.bins().get(9).count()).isEqualTo(3);
        assertThat(result.bins().get(3).count()).isEqualTo(1);
        assertThat(result.n()).isEqualTo(4);
    }

    @Test
    void perfectlyCalibratedAnswersHaveZeroEce() {
        var result = new CalibrationAnalyzer(10).analyze(List.of(
                new CalibrationAnalyzer.Point(100, true), new CalibrationAnalyzer.Point(0, false)));

        assertThat(result.ece()).isZero();
    }

    @Test
    void confidentAnswerIsReadFromFencedOrTruncatedJson() {
        assertThat(ConfidentAnswer.parse("```json\n{\"answer\": \"Paris\", \"confidence_score\": 85}\n```"))
                .contains(new ConfidentAnswer("Paris", 85));
        assertThat(ConfidentAnswer.parse("{\"answer\": \"巴黎\", \"confidence_score\": 70"))
                .contains(new ConfidentAnswer("巴黎", 70));
        assertThat(ConfidentAnswer.parse("{\"answer\": \"x\", \"confidence_score\": 150}")).isEmpty();
        assertThat(ConfidentAnswer.parse("Paris")).isEmpty();
    }

    @Test
    void reliabilityDiagramDrawsOneBarPerNonEmptyBinAndStatesEce() {
        var result = new CalibrationAnalyzer(10).analyze(List.of(
                new CalibrationAnalyzer.Point(90, true), new CalibrationAnalyzer.Point(30, false),
                new CalibrationAnalyzer.Point(35, true)));

        String svg = SvgCharts.reliabilityDiagram(result, "Reliability <test>");

        assertThat(svg).startsWith("<svg").contains("Reliability &lt;test&gt;").contains("ECE ");
        assertThat(svg.split("<title>conf", -1)).hasSize(3); // two non-empty bins
    }
}
