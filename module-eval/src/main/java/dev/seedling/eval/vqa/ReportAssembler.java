package dev.seedling.eval.vqa;

import dev.seedling.data.vqa.VqaItem;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Computes a {@link VqaReport} from the results recorded for a dataset. Package-private. */
final class ReportAssembler {
    private final VqaRunOptions options;

    ReportAssembler(VqaRunOptions options) {
        this.options = options;
    }

    VqaReport assemble(VqaRunManifest manifest, List<VqaItem> items, VqaResultLog results) {
        List<GradedAnswer> graded = new ArrayList<>();
        List<CalibrationAnalyzer.Point> points = new ArrayList<>();
        int calibrationUnparsed = 0;
        Map<AtomicProbe.Outcome, Integer> probe = new EnumMap<>(AtomicProbe.Outcome.class);
        Map<AtomicProbe.Outcome, Integer> probeOnErrors = new EnumMap<>(AtomicProbe.Outcome.class);
        for (VqaItem item : items) {
            Optional<VqaResultLog.StoredGrade> main = results.grade(item.id(), RunStage.MAIN);
            main.ifPresent(g -> graded.add(new GradedAnswer(item, results.answer(item.id(), RunStage.MAIN)
                    .orElse(""), g.grade().grade(), g.grade().parseFailed())));
            Optional<VqaResultLog.StoredGrade> cal = results.grade(item.id(), RunStage.CALIBRATION);
            if (options.calibration() && cal.isPresent()) {
                Optional<ConfidentAnswer> ca = results.answer(item.id(), RunStage.CALIBRATION)
                        .flatMap(ConfidentAnswer::parse);
                if (ca.isPresent()) {
                    points.add(new CalibrationAnalyzer.Point(ca.get().confidence(),
                            cal.get().grade().grade() == Grade.CORRECT));
                } else {
                    calibrationUnparsed++;
                }
            }
            if (options.atomicProbe() && item.hasAtomicProbe()) {
                Optional<AtomicProbe.Outcome> outcome = probeOutcome(item, results);
                if (outcome.isPresent()) {
                    probe.merge(outcome.get(), 1, Integer::sum);
                    if (main.isPresent() && main.get().grade().grade() != Grade.CORRECT) {
                        probeOnErrors.merge(outcome.get(), 1, Integer::sum);
                    }
                }
            }
        }
        FactualityBreakdown breakdown = new FactualityScorer(options.compatRounding()).breakdown(graded);
        CalibrationAnalyzer.Result calibration = options.calibration()
                ? new CalibrationAnalyzer(options.calibrationBins()).analyze(points) : null;
        return new VqaReport(manifest, items.size(), graded.size(), breakdown, calibration, calibrationUnparsed,
                probe, probeOnErrors);
    }

    private static Optional<AtomicProbe.Outcome> probeOutcome(VqaItem item, VqaResultLog results) {
        Optional<VqaResultLog.StoredGrade> atomic = results.grade(item.id(), RunStage.ATOMIC);
        if (atomic.isEmpty()) {
            return Optional.empty();
        }
        Grade a = atomic.get().grade().grade();
        if (a != Grade.CORRECT) {
            return Optional.of(AtomicProbe.Outcome.VISUAL);
        }
        return results.grade(item.id(), RunStage.HINTED).map(h -> AtomicProbe.classify(a, h.grade().grade()));
    }
}
