package dev.seedling.eval.vqa;

import java.util.Objects;

/**
 * How a SimpleVQA run behaves.
 *
 * @param judge                  which judge prompt grades which item
 * @param calibration            also ask the calibration prompt and report ECE with a reliability diagram
 * @param atomicProbe            also run the atomic-question probe on items that have one
 * @param compatRounding         round CO/IN/NA to 4 decimals before CGA and F, like the official script
 * @param concurrency            items processed at once (each item's steps run in order)
 * @param maxConsecutiveFailures stop starting new items after this many failed items in a row (the endpoint is
 *                               presumably down); finished work is kept and a resumed run continues
 * @param resume                 continue a run in an output folder that already holds results; when false, such a
 *                               folder is refused
 * @param calibrationBins        equal-width confidence bins for ECE
 */
public record VqaRunOptions(JudgeChoice judge, boolean calibration, boolean atomicProbe, boolean compatRounding,
        int concurrency, int maxConsecutiveFailures, boolean resume, int calibrationBins) {

    public VqaRunOptions {
        Objects.requireNonNull(judge, "judge");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1 but is " + concurrency);
        }
        if (maxConsecutiveFailures < 1) {
            throw new IllegalArgumentException("maxConsecutiveFailures must be at least 1 but is "
                    + maxConsecutiveFailures);
        }
        if (calibrationBins < 1) {
            throw new IllegalArgumentException("calibrationBins must be at least 1 but is " + calibrationBins);
        }
    }

    /** The official judge for all items, no calibration or probe, exact metrics, 4 items at once, no resume. */
    public static VqaRunOptions defaults() {
        return new VqaRunOptions(JudgeChoice.SIMPLEVQA_CN_JSON, false, false, false, 4, 10, false, 10);
    }

    public VqaRunOptions withJudge(JudgeChoice choice) {
        return new VqaRunOptions(choice, calibration, atomicProbe, compatRounding, concurrency,
                maxConsecutiveFailures, resume, calibrationBins);
    }

    public VqaRunOptions withCalibration(boolean on) {
        return new VqaRunOptions(judge, on, atomicProbe, compatRounding, concurrency, maxConsecutiveFailures, resume,
                calibrationBins);
    }

    public VqaRunOptions withAtomicProbe(boolean on) {
        return new VqaRunOptions(judge, calibration, on, compatRounding, concurrency, maxConsecutiveFailures, resume,
                calibrationBins);
    }

    public VqaRunOptions withCompatRounding(boolean on) {
        return new VqaRunOptions(judge, calibration, atomicProbe, on, concurrency, maxConsecutiveFailures, resume,
                calibrationBins);
    }

    public VqaRunOptions withConcurrency(int n) {
        return new VqaRunOptions(judge, calibration, atomicProbe, compatRounding, n, maxConsecutiveFailures, resume,
                calibrationBins);
    }

    public VqaRunOptions withMaxConsecutiveFailures(int n) {
        return new VqaRunOptions(judge, calibration, atomicProbe, compatRounding, concurrency, n, resume,
                calibrationBins);
    }

    public VqaRunOptions withResume(boolean on) {
        return new VqaRunOptions(judge, calibration, atomicProbe, compatRounding, concurrency,
                maxConsecutiveFailures, on, calibrationBins);
    }
}
