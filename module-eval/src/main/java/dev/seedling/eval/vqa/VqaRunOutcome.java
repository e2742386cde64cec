package dev.seedling.eval.vqa;

import java.nio.file.Path;

/**
 * What a call to {@link SimpleVqaEvaluation#run} did.
 *
 * @param outDir        the output folder
 * @param report        the report over everything recorded so far (this run and earlier ones)
 * @param alreadyDone   items found finished in the results file at start, not asked again
 * @param failedItems   items left unfinished in this call because the model or judge failed
 * @param stoppedEarly  whether the run stopped starting new items (too many failures in a row, or interrupted)
 */
public record VqaRunOutcome(Path outDir, VqaReport report, int alreadyDone, int failedItems, boolean stoppedEarly) {
    /** Whether every item is finished; if not, resume the run. */
    public boolean complete() {
        return report.complete();
    }
}
