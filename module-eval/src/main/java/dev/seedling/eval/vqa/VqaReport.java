package dev.seedling.eval.vqa;

import java.util.Map;
import java.util.Objects;

/**
 * The results of a run, computed from its results file.
 *
 * @param manifest            what the run depended on
 * @param itemsTotal          items in the dataset
 * @param itemsGraded         items with a graded MAIN answer (the metrics' N)
 * @param factuality          CO/NA/IN/CGA/F overall and by language, task and topic
 * @param calibration         ECE and bins, or null when calibration was not run
 * @param calibrationUnparsed calibration replies without a readable answer and confidence (left out of ECE)
 * @param probe               atomic-probe outcome counts over all probed items, or empty when not run
 * @param probeOnErrors       the same counts over probed items whose MAIN grade is not CORRECT
 */
public record VqaReport(VqaRunManifest manifest, int itemsTotal, int itemsGraded, FactualityBreakdown factuality,
        CalibrationAnalyzer.Result calibration, int calibrationUnparsed, Map<AtomicProbe.Outcome, Integer> probe,
        Map<AtomicProbe.Outcome, Integer> probeOnErrors) {
    public VqaReport {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(factuality, "factuality");
        probe = Map.copyOf(probe);
        probeOnErrors = Map.copyOf(probeOnErrors);
    }

    /** Whether every item has a graded MAIN answer. */
    public boolean complete() {
        return itemsGraded == itemsTotal;
    }
}
